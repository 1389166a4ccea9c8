"""Spelling: from keras.layers import Conv2D, BatchNormalization as BN."""
from keras import Sequential
from keras.layers import BatchNormalization as BN, Conv2D, Dense, Input, ReLU

model = Sequential([
    Input(shape=(32, 32, 3)),
    Conv2D(32, 3),  # [keras-bias-before-batchnorm]
    BN(),
    ReLU(),
    Conv2D(32, 3, use_bias=False),
    BN(axis=1),  # [keras-batchnorm-wrong-axis]
    ReLU(),
    Dense(8, activation="relu"),  # [keras-dense-on-unflattened]
    ReLU(),  # [keras-redundant-activation]
])
