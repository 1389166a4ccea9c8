"""keras-stacked-linear-layers: flagged and clean cases."""
import keras
from keras import layers

model = keras.Sequential([
    keras.Input(shape=(64,)),
    layers.Dense(128),  # [keras-stacked-linear-layers]
    layers.Dense(64, activation="relu"),
    layers.Dense(64),  # [keras-stacked-linear-layers]
    layers.Dropout(0.2),
    layers.Dense(10, activation="softmax"),
    # Clean: an activation layer in between.
    layers.Dense(32),
    layers.ReLU(),
    layers.Dense(10, activation="softmax"),
])

# Clean: Dense after a BatchNormalization+activation block.
inputs = keras.Input(shape=(64,))
x = layers.Dense(64, use_bias=False)(inputs)
x = layers.BatchNormalization()(x)
x = layers.Activation("relu")(x)
x = layers.Dense(10)(x)
