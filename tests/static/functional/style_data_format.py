"""Values chosen on the image data format are known: the test folds under the Keras
default, channels_last, which the layers' defaults follow too."""
# pylint: disable=invalid-name
import keras
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

# Wrong on the channels_last path: found.
if keras.config.image_data_format() == "channels_first":
    odd_axis = 3
else:
    odd_axis = 1
z = layers.Conv2D(16, 3, use_bias=False)(y)
z = layers.BatchNormalization(axis=odd_axis)(z)  # [keras-batchnorm-wrong-axis]
