"""The design heuristics are off by default: this module breaks all six, with the shared configuration."""
# pylint: disable=invalid-name
import keras
from keras import layers

model = keras.Sequential([
    keras.Input(shape=(64, 64, 3)),
    layers.Conv2D(64, 3, padding="same", activation="relu"),
    layers.Conv2D(32, 5, padding="same", activation="relu"),
    layers.Conv2D(32, 7, padding="same", activation="relu"),
    layers.Conv2D(16, 9, padding="same", activation="relu"),
    layers.Conv2D(16, 11, padding="same", activation="relu"),
    layers.Dropout(0.5),
    layers.GlobalAveragePooling2D(),
    layers.Dense(8, activation="relu"),
    layers.Dense(32, activation="relu"),
    layers.Dense(1, activation="sigmoid"),
])
dropped = keras.Sequential([keras.Input(shape=(8, 8, 3)), layers.Dropout(0.5), layers.MaxPooling2D()])
flattened = keras.Sequential([
    keras.Input(shape=(32, 32, 3)),
    layers.Conv2D(64, 3, padding="same", activation="relu"),
    layers.Flatten(),
    layers.Dense(512, activation="relu"),
])
