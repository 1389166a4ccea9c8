"""keras-bias-before-batchnorm: advice on a helper's line must suit every call of the helper."""
import keras
from keras import layers


# The convolution helper is used twice: under a BatchNormalization by `conv_bn_elu`,
# and (directly and two helpers deep) for prediction heads with no BatchNormalization,
# which need their bias. use_bias=False on its line would remove the heads' bias.
def plain_conv(x, filters, name=None):
    conv = layers.Conv2D(filters, 3, padding="same", name=name)
    return conv(x)


def conv_bn_elu(x, filters):
    x = plain_conv(x, filters)
    x = layers.BatchNormalization()(x)
    return layers.ELU()(x)


def head_pair(x, anchors):
    scores = plain_conv(x, anchors * 4)
    boxes = plain_conv(x, anchors * 4)
    return scores, boxes


def detector(image_shape, levels):
    inputs = keras.Input(shape=image_shape)
    features = conv_bn_elu(inputs, 32)
    outputs = []
    for _ in range(levels):
        outputs.extend(head_pair(features, 3))
    return keras.Model(inputs, outputs)


# Called from a place the engine cannot follow (the helper is passed on as a value):
# what that caller needs is unknown, so no advice about the helper's line.
def dense_unit(x, units):
    return layers.Dense(units)(x)


def dense_bn(x, units):
    x = dense_unit(x, units)
    return layers.BatchNormalization()(x)


def stack(x, block):
    return block(x, 8)


flat = keras.Input(shape=(16,))
tail = stack(dense_bn(flat, 8), dense_unit)


# Every call of the helper meets a BatchNormalization: the advice holds for all of them.
def linear_unit(x, units):
    return layers.Dense(units)(x)  # [keras-bias-before-batchnorm]


def linear_bn(x, units):
    x = linear_unit(x, units)
    return layers.BatchNormalization()(x)


def mlp(x):
    x = linear_bn(x, 32)
    return linear_bn(x, 16)
