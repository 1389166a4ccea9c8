"""keras-probabilities-loss-on-logits: flagged and clean cases."""
import keras
from keras import layers

model = keras.Sequential([
    keras.Input(shape=(784,)),
    layers.Dense(128, activation="relu"),
    layers.Dense(10),  # [keras-probabilities-loss-on-logits]
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")

inputs = keras.Input(shape=(20,))
outputs = layers.Dense(1)(inputs)  # [keras-probabilities-loss-on-logits]
binary = keras.Model(inputs, outputs)
binary.compile(loss=keras.losses.BinaryCrossentropy())

# Clean: from_logits=True on a linear output.
logits = keras.Sequential([keras.Input(shape=(784,)), layers.Dense(10)])
logits.compile(loss=keras.losses.CategoricalCrossentropy(from_logits=True))

# Clean: a regression loss on a linear output.
regression = keras.Sequential([keras.Input(shape=(8,)), layers.Dense(1)])
regression.compile(loss="mse")

# Clean: the loss is unknown.
def compile_with(loss):
    m = keras.Sequential([keras.Input(shape=(8,)), layers.Dense(3)])
    m.compile(loss=loss)
