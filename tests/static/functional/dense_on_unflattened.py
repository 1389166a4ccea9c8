"""keras-dense-on-unflattened: flagged and clean cases."""
import keras
from keras import layers

model = keras.Sequential([
    keras.Input(shape=(28, 28, 1)),
    layers.Conv2D(32, 3, activation="relu"),
    layers.MaxPooling2D(),
    layers.Dense(10, activation="softmax"),  # [keras-dense-on-unflattened]
])

inputs = keras.Input(shape=(32, 32, 3))
x = layers.Conv2D(16, 3, activation="relu")(inputs)
x = layers.Dropout(0.2)(x)
x = layers.Dense(10)(x)  # [keras-dense-on-unflattened]

# Clean: Flatten or global pooling in between.
y = layers.Conv2D(16, 3, activation="relu")(inputs)
y = layers.GlobalAveragePooling2D()(y)
y = layers.Dense(10)(y)
w = layers.Conv2D(16, 3, activation="relu")(inputs)
w = layers.Flatten()(w)
w = layers.Dense(10)(w)

# Clean: Dense on a Conv1D output works per time step by design (a sequence model).
seq_in = keras.Input(shape=(100, 8))
s = layers.Conv1D(16, 3, activation="relu")(seq_in)
s = layers.Dense(4)(s)
