"""Keras 1 BatchNormalization: mode=0 and mode=2 normalize features, mode=1 each sample."""
# pylint: disable=invalid-name
from keras.layers import Activation, BatchNormalization, Convolution2D, Dense, Flatten
from keras.models import Sequential

model = Sequential()
model.add(Convolution2D(32, 3, 3, border_mode="same", input_shape=(32, 32, 3)))  # [keras-bias-before-batchnorm]
model.add(BatchNormalization(mode=0, axis=-1))
model.add(Activation("relu"))
model.add(Convolution2D(32, 3, 3, border_mode="same"))
model.add(BatchNormalization(mode=1))
model.add(Activation("relu"))
model.add(Flatten())
model.add(Dense(10))  # [keras-bias-before-batchnorm]
model.add(BatchNormalization(mode=2, beta_init="zero"))
model.add(Activation("softmax"))
