"""Values chosen on the image data format: a scope that asks for the format is analysed
under each format, the layers' defaults following it as Keras's global setting makes
them. A finding that holds under both is reported as it is; one that holds under one
format only names that format."""
# pylint: disable=invalid-name
import keras
import tensorflow as tf
from keras import backend as K
from keras import layers

if K.image_data_format() == "channels_last":
    bn_axis = 3
    shape = (32, 32, 3)
else:
    bn_axis = 1
    shape = (3, 32, 32)

inputs = keras.Input(shape=shape)
x = layers.Conv2D(16, 3)(inputs)  # [keras-bias-before-batchnorm]
x = layers.BatchNormalization(axis=bn_axis)(x)
x = layers.Activation("relu")(x)

# Keras 1 spelling of the same question; right on both paths, so no wrong axis.
channel_axis = 1 if K.image_dim_ordering() == "th" else -1
y = layers.Conv2D(16, 3, use_bias=False, activation="relu")(x)
y = layers.BatchNormalization(axis=channel_axis)(y)

# Wrong on both paths (axis 1 under channels_last, axis 3 under channels_first): no path named.
if keras.config.image_data_format() == "channels_first":
    odd_axis = 3
else:
    odd_axis = 1
z = layers.Conv2D(16, 3, use_bias=False, activation="relu")(y)
z = layers.BatchNormalization(axis=odd_axis)(z)  # [keras-batchnorm-wrong-axis]

# The convolution follows the asked format, the axis is hard-coded for channels_last:
# wrong under channels_first only, and the bias is cancelled under channels_last only.
w = layers.Conv2D(16, 3, data_format=K.image_data_format())(z)  # [keras-bias-before-batchnorm]
w = layers.BatchNormalization(axis=-1)(w)  # [keras-batchnorm-wrong-axis]


def conv_bn(tensor, filters):
    """A helper that asks with the tf.keras spelling, as a conditional expression."""
    axis = 1 if tf.keras.backend.image_data_format() == "channels_first" else -1
    tensor = tf.keras.layers.Conv2D(filters, 3, padding="same")(tensor)  # [keras-bias-before-batchnorm]
    tensor = tf.keras.layers.BatchNormalization(axis=axis)(tensor)
    return tf.keras.layers.ReLU()(tensor)


features = tf.keras.Input(shape=(28, 28, 1))
model = tf.keras.Model(features, conv_bn(features, 8))


def classic_model():
    """A scope that does not ask: the default channels_last holds, nothing is named."""
    pixels = tf.keras.Input(shape=(28, 28, 1))
    maps = tf.keras.layers.Conv2D(8, 3, use_bias=False, activation="relu")(pixels)
    maps = tf.keras.layers.BatchNormalization(axis=1)(maps)  # [keras-batchnorm-wrong-axis]
    return tf.keras.Model(pixels, maps)
