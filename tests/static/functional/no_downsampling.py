"""keras-no-downsampling (off by default, enabled by this test's .rc)."""
# pylint: disable=invalid-name
import keras
from keras import layers


def conv(x, filters):
    return layers.Conv2D(filters, 3, padding="same", activation="relu")(x)  # [keras-no-downsampling]


def deep():
    inputs = keras.Input(shape=(64, 64, 3))
    x = inputs
    for filters in (16, 16, 32, 32, 64, 64):
        x = conv(x, filters)
    x = layers.GlobalAveragePooling2D()(x)
    return keras.Model(inputs, layers.Dense(10, activation="softmax")(x))


def residual():
    inputs = keras.Input(shape=(64, 64, 3))
    x = layers.Conv2D(16, 3, padding="same")(inputs)
    for _ in range(3):
        y = layers.Conv2D(16, 3, padding="same", activation="relu")(x)
        y = layers.Conv2D(16, 3, padding="same")(y)  # [keras-no-downsampling]
        x = layers.Add()([x, y])
    return keras.Model(inputs, x)


# Clean: pooling somewhere, strides, a shallow stack, an unknown stride.
def pooled():
    inputs = keras.Input(shape=(64, 64, 3))
    x = inputs
    for filters in (16, 16, 32, 32, 64, 64):
        x = layers.Conv2D(filters, 3, padding="same")(x)
    x = layers.MaxPooling2D()(x)
    return keras.Model(inputs, x)


def strided(stride):
    inputs = keras.Input(shape=(64, 64, 3))
    x = inputs
    for filters in (16, 16, 32, 32, 64, 64):
        x = layers.Conv2D(filters, 3, padding="same")(x)
    x = layers.Conv2D(64, 3, strides=stride)(x)
    return keras.Model(inputs, x)


shallow = keras.Sequential([keras.Input(shape=(64, 64, 3)), layers.Conv2D(8, 3), layers.Conv2D(8, 3)])
