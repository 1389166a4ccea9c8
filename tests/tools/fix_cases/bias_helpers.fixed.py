"""keras-bias-before-batchnorm through helpers, functools.partial and **kwargs."""
import functools

import keras
from keras import layers

SameConv = functools.partial(layers.Conv2D, padding="same")
conv_args = {"padding": "same"}


def _conv(x, filters):
    return layers.Conv2D(filters, 3, padding="same", use_bias=False)(x)


def _dense(x, units):
    return layers.Dense(units)(x)  # not flagged: the call at line 40 needs the bias


def conv_bn(x, filters):
    x = layers.Conv2D(filters, 1, use_bias=False)(x)
    return layers.BatchNormalization()(x)


def public_conv(x, filters):
    return layers.Conv2D(filters, 3, padding="same")(x)  # [not fixed: keras-bias-before-batchnorm]


inputs = keras.Input((16, 16, 3))
x = layers.BatchNormalization()(_conv(inputs, 8))
x = layers.BatchNormalization()(_conv(x, 8))
x = conv_bn(x, 8)
x = layers.BatchNormalization()(public_conv(x, 8))
x = SameConv(8, 3, use_bias=False)(x)
x = layers.BatchNormalization()(x)
x = layers.Conv2D(8, 3, **conv_args)(x)
x = layers.BatchNormalization()(x)
x = layers.GlobalAveragePooling2D()(x)
head = layers.BatchNormalization()(_dense(x, 8))
side = layers.ReLU()(_dense(x, 8))
model = keras.Model(inputs, [head, side])
