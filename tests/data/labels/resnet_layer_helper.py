# Labels: the CIFAR-10 ResNet v1 helper that builds Conv2D with its bias, then BatchNormalization when asked.
# Source: PacktPublishing/Advanced-Deep-Learning-with-Keras, chapter2-deep-networks/resnet-cifar10-2.2.1.py
# Commit: b065726ee733d32c6bd618fc7643c9fc51767c75
# License: MIT
# Written in our own words with the source's structure (a layer object built first, flags, nested loops); no code copied.
from tensorflow.keras.layers import Activation, AveragePooling2D, BatchNormalization, Conv2D, Dense, Flatten, Input, add
from tensorflow.keras.models import Model
from tensorflow.keras.regularizers import l2


def conv_unit(tensor, filters=16, kernel=3, stride=1, act="relu", norm=True, conv_first=True):
    conv = Conv2D(filters, kernel_size=kernel, strides=stride, padding="same",  # [ok: keras-bias-before-batchnorm] most calls cancel the bias (conv_first and norm), but the shortcut's call at line 41 passes norm=False and needs it: use_bias=False on this line would be wrong there
                  kernel_initializer="he_normal", kernel_regularizer=l2(1e-4))
    out = tensor
    if conv_first:
        out = conv(out)
        if norm:
            out = BatchNormalization()(out)
        if act is not None:
            out = Activation(act)(out)
    else:
        if norm:
            out = BatchNormalization()(out)
        if act is not None:
            out = Activation(act)(out)
        out = conv(out)
    return out


def resnet_v1(shape, depth, classes=10):
    width = 16
    blocks = (depth - 2) // 6
    image = Input(shape=shape)
    trunk = conv_unit(image)
    for stage in range(3):
        for block in range(blocks):
            stride = 2 if stage > 0 and block == 0 else 1
            branch = conv_unit(trunk, filters=width, stride=stride)
            branch = conv_unit(branch, filters=width, act=None)
            if stage > 0 and block == 0:
                trunk = conv_unit(trunk, filters=width, kernel=1, stride=stride, act=None, norm=False)
            trunk = add([trunk, branch])
            trunk = Activation("relu")(trunk)
        width *= 2
    trunk = AveragePooling2D(pool_size=8)(trunk)
    flat = Flatten()(trunk)
    scores = Dense(classes, activation="softmax", kernel_initializer="he_normal")(flat)  # [ok: keras-dense-on-unflattened] after Flatten
    return Model(inputs=image, outputs=scores)
