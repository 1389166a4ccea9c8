# Labels: Darknet blocks built by a wrapper that merges use_bias=False into the convolution's keyword arguments.
# Source: qqwweee/keras-yolo3, yolo3/model.py
# Commit: e6598d13c703029b2686bc2eb8d5c09badf42992
# License: MIT
# Written in our own words with the source's structure (kwargs dicts, compose of callables); no code copied.
from functools import reduce

from keras.layers import Add, BatchNormalization, Conv2D, Input, LeakyReLU, ZeroPadding2D
from keras.models import Model
from keras.regularizers import l2


def chain(*steps):
    return reduce(lambda f, g: lambda *a, **k: g(f(*a, **k)), steps)


def dark_conv(*args, **kwargs):
    options = {"kernel_regularizer": l2(5e-4), "padding": "valid" if kwargs.get("strides") == (2, 2) else "same"}
    options.update(kwargs)
    return Conv2D(*args, **options)


def dark_conv_bn(*args, **kwargs):
    no_bias = {"use_bias": False}
    no_bias.update(kwargs)
    return chain(dark_conv(*args, **no_bias), BatchNormalization(), LeakyReLU(alpha=0.1))  # [ok: keras-bias-before-batchnorm] use_bias=False is merged into the convolution's arguments


def stage(x, width, repeats):
    x = ZeroPadding2D(((1, 0), (1, 0)))(x)
    x = dark_conv_bn(width, (3, 3), strides=(2, 2))(x)
    for _ in range(repeats):
        y = chain(dark_conv_bn(width // 2, (1, 1)), dark_conv_bn(width, (3, 3)))(x)
        x = Add()([x, y])  # [ok: keras-merge-shape-mismatch] the residual path ends at the width of the stage it is added to
    return x


image = Input(shape=(416, 416, 3))
trunk = Model(image, stage(dark_conv_bn(32, (3, 3))(image), 64, 1))
