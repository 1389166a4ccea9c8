"""keras-dropout-before-pooling (off by default, enabled by this test's .rc)."""
# pylint: disable=invalid-name
import tensorflow as tf
import keras
from keras import layers
from keras.layers import Dropout, MaxPool2D

model = keras.Sequential([
    keras.Input(shape=(28, 28, 1)),
    layers.Conv2D(32, 3, activation="relu"),
    layers.Dropout(0.25),  # [keras-dropout-before-pooling]
    layers.MaxPooling2D(),
])

inputs = tf.keras.Input(shape=(100, 8))
x = tf.keras.layers.Conv1D(16, 3)(inputs)
x = tf.keras.layers.Dropout(0.5)(x)  # [keras-dropout-before-pooling]
x = tf.keras.layers.MaxPooling1D()(x)

# Clean: average pooling keeps every value (a DenseNet transition).
t = tf.keras.layers.Dropout(0.2)(tf.keras.layers.Conv1D(16, 1)(inputs))
t = tf.keras.layers.AveragePooling1D()(t)

added = keras.Sequential()
added.add(keras.Input(shape=(28, 28, 1)))
added.add(Dropout(0.2))  # [keras-dropout-before-pooling]
added.add(MaxPool2D())

# Clean: Dropout after pooling, before global pooling, or feeding something else too.
clean = keras.Sequential([
    keras.Input(shape=(28, 28, 1)),
    layers.Conv2D(32, 3, activation="relu"),
    layers.MaxPooling2D(),
    layers.Dropout(0.25),
    layers.Conv2D(32, 3, activation="relu"),
    layers.Dropout(0.25),
    layers.GlobalAveragePooling2D(),
])
y = layers.Dropout(0.5)(inputs)
y = layers.Concatenate()([layers.MaxPooling1D()(y), y])
