"""keras-loss-activation-mismatch: flagged and clean cases."""
import keras
from keras import layers

single = keras.Sequential([
    keras.Input(shape=(20,)),
    layers.Dense(1, activation="softmax"),  # [keras-loss-activation-mismatch]
])

multi = keras.Sequential([
    keras.Input(shape=(20,)),
    layers.Dense(5, activation="sigmoid"),  # [keras-loss-activation-mismatch]
])
multi.compile(loss="categorical_crossentropy")

binary = keras.Sequential([
    keras.Input(shape=(20,)),
    layers.Dense(3, activation="softmax"),  # [keras-loss-activation-mismatch]
])
binary.compile(loss="binary_crossentropy")

# Clean: over two units, (p, 1 - p), binary cross-entropy equals the categorical one.
two_way = keras.Sequential([
    keras.Input(shape=(20,)),
    layers.Dense(2, activation="softmax"),
])
two_way.compile(loss="binary_crossentropy")

# Clean: sigmoid + binary cross-entropy (multi-label), softmax + categorical.
labels = keras.Sequential([keras.Input(shape=(20,)), layers.Dense(5, activation="sigmoid")])
labels.compile(loss="binary_crossentropy")
classes = keras.Sequential([keras.Input(shape=(20,)), layers.Dense(5, activation="softmax")])
classes.compile(loss="categorical_crossentropy")
