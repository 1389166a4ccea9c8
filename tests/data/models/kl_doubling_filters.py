# Source: written for keraslint (no upstream). The "double the filters each block" pattern:
# a loop over a constant range that grows the width with augmented assignments.
import keras
from keras import layers


def build():
    """Three conv blocks whose filters double, a dense head that halves its width."""
    inputs = keras.Input(shape=(64, 64, 3))
    x = inputs
    filters = 16
    for _ in range(3):
        x = layers.Conv2D(filters, 3, padding="same", activation="relu")(x)
        x = layers.BatchNormalization()(x)
        x = layers.MaxPooling2D()(x)
        filters *= 2
    x = layers.Conv2D(filters, 1)(x)
    x = layers.GlobalAveragePooling2D()(x)
    units = 128
    for step in range(2):
        x = layers.Dense(units, activation="relu")(x)
        units //= 2
        units -= step
    size = 10
    size += 1
    size %= 7
    outputs = layers.Dense(size * 2 + 2, activation="softmax")(x)
    return keras.Model(inputs, outputs)
