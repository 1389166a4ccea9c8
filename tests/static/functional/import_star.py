"""Spelling: from tensorflow.keras.layers import * (and models)."""
from tensorflow.keras.layers import *
from tensorflow.keras.models import Sequential

model = Sequential()
model.add(Convolution2D(32, (3, 3), input_shape=(32, 32, 3)))  # [keras-bias-before-batchnorm]
model.add(BatchNormalization())
model.add(Activation("relu"))
model.add(MaxPool2D())
model.add(Dropout(0.25))  # [keras-dropout-before-batchnorm]
model.add(BatchNormalization())
model.add(Flatten())
model.add(Dense(10, activation="softmax"))
