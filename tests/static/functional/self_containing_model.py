"""A model added to itself (nonsense): the analysis must not recurse forever and lose the module's findings."""
import keras
from keras import layers

a = keras.Sequential([keras.Input(shape=(4,)), layers.Dense(8, activation="relu")])
a.add(a)
b = keras.Sequential([keras.Input(shape=(4,)), layers.Dense(3), layers.Dense(1)])  # [keras-stacked-linear-layers]
a.compile(loss="mse")
a.fit(1, 2)
b.trainable = False
a.fit(1, 2)
