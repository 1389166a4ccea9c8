"""keras-redundant-activation: a second plain ReLU goes; other repeats are a decision."""
import keras
from keras import layers

model = keras.Sequential(
    [
        keras.Input((8,)),
        layers.Dense(16, activation="relu"),
        layers.Dense(16, activation="relu"),
        layers.ReLU(max_value=6.0),  # [not fixed: keras-redundant-activation]
        layers.Dense(4, activation="softmax"),
        layers.Activation("softmax"),  # [not fixed: keras-redundant-activation]
    ]
)

inputs = keras.Input((8,))
x = layers.Dense(16, activation="relu")(inputs)
y = layers.Dense(16, activation="relu")(x)
functional = keras.Model(inputs, y)

added = keras.Sequential()
added.add(keras.Input((8,)))
added.add(layers.Dense(16, activation="relu"))
added.add(layers.Dense(1))

shared = layers.ReLU()  # [not fixed: keras-redundant-activation]
z = shared(layers.Dense(16, activation="relu")(inputs))

tail = keras.Sequential(
    [
        keras.Input((8,)),
        layers.Dense(16, activation="relu"),  # hidden
    ]
)
