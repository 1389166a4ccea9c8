"""keras-dense-widening (off by default, enabled by this test's .rc)."""
# pylint: disable=invalid-name
import tensorflow as tf
import keras
from keras import layers

model = keras.Sequential([
    keras.Input(shape=(20,)),
    layers.Dense(16, activation="relu"),
    layers.Dropout(0.2),
    layers.Dense(64, activation="relu"),  # [keras-dense-widening]
    layers.Dense(1, activation="sigmoid"),
])

inputs = tf.keras.Input(shape=(8,))
x = tf.keras.layers.Dense(4)(inputs)
x = tf.keras.layers.Dense(32)(x)  # [keras-dense-widening]

# Only Dense layers and flat inputs count as widths before.
images = keras.Sequential([keras.Input(shape=(28, 28)), layers.Flatten(), layers.Dense(16), layers.Dense(64), layers.Dense(1)])  # [keras-dense-widening]

# Clean: a model's output layer is as wide as its classes, whatever came before.
classes = keras.Sequential([keras.Input(shape=(2,)), layers.Dense(4, activation="relu"), layers.Dense(10, activation="softmax")])

# Clean: narrowing; back to the input's width (an autoencoder); an input of unknown shape.
clean = keras.Sequential([keras.Input(shape=(20,)), layers.Dense(64), layers.Dense(16), layers.Dense(1)])
autoencoder = keras.Sequential([keras.Input(shape=(784,)), layers.Dense(32), layers.Dense(784)])
unknown = keras.Sequential([keras.Input(batch_shape=(32, 784)), layers.Dense(16), layers.Dense(64)])

# Clean: a decoder from a 32-value latent code to a 784-pixel image widens on purpose.
decoder = keras.Sequential([
    keras.Input(shape=(32,)),
    layers.Dense(128, activation="relu"),
    layers.Dense(256, activation="relu"),
    layers.Dense(784, activation="sigmoid"),
])
