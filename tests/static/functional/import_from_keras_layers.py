"""Spelling: from keras import layers, models, Input."""
from keras import Input, layers, models

model = models.Sequential([
    Input(shape=(32, 32, 3)),
    layers.Conv2D(32, 3),  # [keras-bias-before-batchnorm]
    layers.BatchNormalization(),
    layers.ReLU(),
    layers.MaxPool2D(),
    layers.Dense(10, activation="softmax"),  # [keras-dense-on-unflattened]
])
