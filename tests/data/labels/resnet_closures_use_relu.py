# Labels: ResNet blocks built from closures whose use_relu and use_bias flags are set at each call.
# Source: PacktPublishing/Hands-On-Computer-Vision-with-TensorFlow-2, Chapter04/ch4_nb1_implement_resnet_from_scratch.ipynb
# Commit: 9a73003eff274f288d59dfb1532a5a48655bfaa3
# License: MIT
# Written in our own words with the source's structure (closure factories, flags per call); no code copied.
import tensorflow as tf
from tensorflow.keras.layers import Activation, BatchNormalization, Conv2D, Input, add
from tensorflow.keras.models import Model


def conv_bn_relu(filters, kernel_size=3, strides=1, use_relu=True, use_bias=False):
    def apply(x):
        y = Conv2D(filters, kernel_size, padding="same", strides=strides, use_bias=use_bias,  # [ok: keras-bias-before-batchnorm] every call keeps use_bias=False; [ok: keras-stacked-linear-layers] the first call of each block passes use_relu=True, so a ReLU follows it
                   kernel_initializer="he_normal")(x)
        y = BatchNormalization(axis=-1)(y)  # [ok: keras-batchnorm-wrong-axis] channels_last, axis=-1
        if use_relu:
            y = Activation("relu")(y)
        return y
    return apply


def with_shortcut(x, branch):
    if tf.keras.backend.int_shape(x) != tf.keras.backend.int_shape(branch):
        x = Conv2D(tf.keras.backend.int_shape(branch)[3], (1, 1), strides=(2, 2), padding="valid")(x)
    return add([x, branch])


def basic_block(filters, strides=1):
    def apply(x):
        first = conv_bn_relu(filters, strides=strides, use_relu=True)(x)
        second = conv_bn_relu(filters, strides=1, use_relu=False)(first)
        return Activation("relu")(with_shortcut(x, second))
    return apply


image = Input(shape=(224, 224, 3))
h = conv_bn_relu(64, kernel_size=7, strides=2)(image)
for width, stride in [(64, 1), (64, 1), (128, 2), (128, 1)]:
    h = basic_block(width, stride)(h)
resnet = Model(image, h)
