"""keras-softmax-with-from-logits: flagged and clean cases."""
import keras
from keras import layers

model = keras.Sequential([
    keras.Input(shape=(784,)),
    layers.Dense(128, activation="relu"),
    layers.Dense(10, activation="softmax"),  # [keras-softmax-with-from-logits]
])
model.compile(optimizer="adam", loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))

binary = keras.Sequential([
    keras.Input(shape=(20,)),
    layers.Dense(1),
    layers.Activation("sigmoid"),  # [keras-softmax-with-from-logits]
])
binary.compile(loss=keras.losses.BinaryCrossentropy(from_logits=True))

# Clean: a linear output with from_logits=True is the recommended pairing.
logits = keras.Sequential([keras.Input(shape=(784,)), layers.Dense(10)])
logits.compile(loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))

# Clean: softmax with from_logits=False.
probs = keras.Sequential([keras.Input(shape=(784,)), layers.Dense(10, activation="softmax")])
probs.compile(loss=keras.losses.SparseCategoricalCrossentropy())
