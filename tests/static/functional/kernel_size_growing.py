"""keras-kernel-size-growing (off by default, enabled by this test's .rc)."""
# pylint: disable=invalid-name
import keras
from keras import layers
from keras.layers import Convolution2D

model = keras.Sequential([
    keras.Input(shape=(64, 64, 3)),
    layers.Conv2D(32, 3, activation="relu"),
    layers.MaxPooling2D(),
    layers.Conv2D(64, (5, 5), activation="relu"),  # [keras-kernel-size-growing]
])

legacy = keras.Sequential()
legacy.add(Convolution2D(32, 3, 3, border_mode="same", input_shape=(64, 64, 3)))
legacy.add(Convolution2D(32, 7, 7, border_mode="same"))  # [keras-kernel-size-growing]

# Clean: shrinking kernels, a 1x1 bottleneck before a 3x3, a strided 2x2 before a 3x3.
clean = keras.Sequential([
    keras.Input(shape=(64, 64, 3)),
    layers.Conv2D(32, 7, activation="relu"),
    layers.Conv2D(32, 1, activation="relu"),
    layers.Conv2D(32, 3, activation="relu"),
    layers.Conv2D(32, 2, strides=2, activation="relu"),
    layers.Conv2D(32, 3, activation="relu"),
])
