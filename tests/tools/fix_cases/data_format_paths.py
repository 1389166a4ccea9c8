"""Code that asks for the image data format: a finding that holds under both formats is
fixed; one that holds under one format only is not, the fix would be wrong under the other."""
import keras
from keras import backend as K
from keras import layers

channel_axis = 1 if K.image_data_format() == "channels_first" else -1

inputs = keras.Input(shape=(32, 32, 3))
x = layers.Conv2D(16, 3)(inputs)
x = layers.BatchNormalization(axis=channel_axis)(x)
x = layers.ReLU()(x)
x = layers.Conv2D(16, 3, data_format=K.image_data_format())(x)  # [not fixed: keras-bias-before-batchnorm]
x = layers.BatchNormalization(axis=-1)(x)  # [not fixed: keras-batchnorm-wrong-axis]
model = keras.Model(inputs, x)
