"""Build style: functools.partial and module-level aliases."""
from functools import partial

import tensorflow as tf
from tensorflow import keras

Dense = tf.keras.layers.Dense
BN = keras.layers.BatchNormalization
DefaultConv2D = partial(keras.layers.Conv2D, kernel_size=3, padding="same")
NoBiasConv2D = partial(DefaultConv2D, use_bias=False)
ReluConv2D = partial(keras.layers.Conv2D, kernel_size=3, activation="relu")

model = keras.Sequential([
    keras.Input(shape=(28, 28, 1)),
    DefaultConv2D(filters=64),  # [keras-bias-before-batchnorm]
    BN(),
    keras.layers.ReLU(),
    NoBiasConv2D(filters=64),
    BN(),
    keras.layers.ReLU(),
    ReluConv2D(filters=64),
    BN(),
    keras.layers.Flatten(),
    Dense(64),  # [keras-bias-before-batchnorm]
    BN(),
    keras.layers.ReLU(),
])
