"""Build style: Sequential().add, including for loops over literal lists."""
import keras
from keras import layers

model = keras.Sequential()
model.add(keras.Input(shape=(32, 32, 3)))
for filters in [32, 64]:
    model.add(layers.Conv2D(filters, 3, padding="same"))  # [keras-bias-before-batchnorm]
    model.add(layers.BatchNormalization())
    model.add(layers.Activation("relu"))
for units in (128, 64):
    model.add(layers.Dense(units, activation="relu"))  # [keras-dense-on-unflattened]

# Clean: a loop over an unknown list.
def build(filter_list):
    m = keras.Sequential()
    for f in filter_list:
        m.add(layers.Conv2D(f, 3, use_bias=False))
        m.add(layers.BatchNormalization())
        m.add(layers.ReLU())
    return m

# Clean: the loop body puts the activation before the BatchNormalization.
clean = keras.Sequential([keras.Input(shape=(32, 32, 3))])
for filters in [16, 32]:
    clean.add(layers.Conv2D(filters, 3, activation="relu"))
    clean.add(layers.BatchNormalization())
