"""keras-redundant-activation: flagged and clean cases."""
import keras
from keras import layers

model = keras.Sequential([
    keras.Input(shape=(20,)),
    layers.Dense(64, activation="relu"),
    layers.ReLU(),  # [keras-redundant-activation]
    layers.Dense(10, activation="softmax"),
    layers.Activation("softmax"),  # [keras-redundant-activation]
])

# Clean: different activations, or an activation after a linear layer.
clean = keras.Sequential([
    keras.Input(shape=(20,)),
    layers.Dense(64),
    layers.ReLU(),
    layers.Dense(64, activation="tanh"),
    layers.Activation("relu"),
])
