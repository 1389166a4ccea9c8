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
    layers.GlobalAveragePooling2D(),
    layers.Dense(10),
])

legacy = keras.Sequential()
legacy.add(Convolution2D(32, 3, 3, border_mode="same", input_shape=(64, 64, 3)))
legacy.add(Convolution2D(32, 7, 7, border_mode="same"))  # [keras-kernel-size-growing]
legacy.add(Convolution2D(1, 1, 1))

# Clean: shrinking kernels, a 1x1 bottleneck before a 3x3, a strided 2x2 before a 3x3.
clean = keras.Sequential([
    keras.Input(shape=(64, 64, 3)),
    layers.Conv2D(32, 7, activation="relu"),
    layers.Conv2D(32, 1, activation="relu"),
    layers.Conv2D(32, 3, activation="relu"),
    layers.Conv2D(32, 2, strides=2, activation="relu"),
    layers.Conv2D(32, 3, activation="relu"),
])

# Clean: the output convolution, sized by the task (a generator's 7x7 tanh image layer),
# and a strided 4x4 one that down-samples (the DCGAN convention).
generator_tail = keras.Sequential([
    keras.Input(shape=(28, 28, 64)),
    layers.Conv2D(64, 3, padding="same", activation="relu"),
    layers.Conv2D(1, 7, padding="same", activation="tanh"),
])
discriminator = keras.Sequential([
    keras.Input(shape=(28, 28, 1)),
    layers.Conv2D(64, 3, padding="same"),
    layers.LeakyReLU(0.2),
    layers.Conv2D(128, 4, strides=2, padding="same"),
    layers.LeakyReLU(0.2),
    layers.Flatten(),
    layers.Dense(1),
])
