"""keras-filters-decreasing (off by default, enabled by this test's .rc)."""
# pylint: disable=invalid-name
import keras
from keras import layers
from tensorflow.keras.layers import Convolution2D

model = keras.Sequential([
    keras.Input(shape=(32, 32, 3)),
    layers.Conv2D(128, 3, activation="relu"),
    layers.MaxPooling2D(),
    layers.Conv2D(64, 3, activation="relu"),  # [keras-filters-decreasing]
    layers.BatchNormalization(),
    layers.Conv2D(32, (3, 3), activation="relu"),  # [keras-filters-decreasing]
    layers.GlobalAveragePooling2D(),
    layers.Dense(10, activation="softmax"),
])


def block(x, filters):
    x = Convolution2D(filters, 3, 3, border_mode="same")(x)  # [keras-filters-decreasing]
    return layers.Activation("relu")(x)


inputs = keras.Input(shape=(32, 32, 3))
h = block(inputs, 64)
h = block(h, 32)
h = layers.Flatten()(h)
outputs = layers.Dense(10)(h)

# Clean: 1x1 bottlenecks, widening, and an output convolution with few channels.
clean = keras.Sequential([
    keras.Input(shape=(32, 32, 3)),
    layers.Conv2D(64, 3, activation="relu"),
    layers.Conv2D(16, 1, activation="relu"),
    layers.Conv2D(64, 3, activation="relu"),
    layers.Conv2D(3, 3, activation="sigmoid"),
])

# Clean: the last convolution makes the output (a discriminator's 1-channel score map,
# flattened and squashed): its size is the task's, not a design choice.
scorer = keras.Sequential([
    keras.Input(shape=(32, 32, 3)),
    layers.Conv2D(64, 3, strides=2, padding="same"),
    layers.LeakyReLU(0.2),
    layers.Conv2D(1, 3, padding="same"),
    layers.Flatten(),
    layers.Activation("sigmoid"),
])

# Clean: a denoising autoencoder at full resolution (its output has its input's shape).
denoiser = keras.Sequential()
denoiser.add(layers.Conv2D(16, 3, activation="relu", padding="same", input_shape=(28, 28, 1)))
denoiser.add(layers.Conv2D(8, 3, activation="relu", padding="same"))
denoiser.add(layers.Conv2D(16, 3, activation="relu", padding="same"))
denoiser.add(layers.Conv2D(1, 3, activation="sigmoid", padding="same"))
