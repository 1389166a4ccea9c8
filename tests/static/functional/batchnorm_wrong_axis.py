"""keras-batchnorm-wrong-axis: flagged and clean cases."""
import keras
from keras import layers

model = keras.Sequential([
    keras.Input(shape=(64, 64, 3)),
    layers.Conv2D(32, 3, use_bias=False),
    layers.BatchNormalization(axis=1),  # [keras-batchnorm-wrong-axis]
    layers.ReLU(),
    layers.Conv2D(32, 3, use_bias=False),
    layers.BatchNormalization(axis=-1),
    layers.ReLU(),
    layers.Conv2D(32, 3, use_bias=False),
    layers.BatchNormalization(),
    layers.ReLU(),
])

# channels_first: axis=1 is the channel axis (clean), axis=-1 is a spatial axis.
first = keras.Sequential([
    keras.Input(shape=(3, 64, 64)),
    layers.Conv2D(32, 3, use_bias=False, data_format="channels_first"),
    layers.BatchNormalization(axis=1),
    layers.ReLU(),
    layers.Conv2D(32, 3, use_bias=False, data_format="channels_first"),
    layers.BatchNormalization(),  # [keras-batchnorm-wrong-axis]
    layers.ReLU(),
])

# Unknown rank or layout: never guessed.
def build(features):
    return layers.BatchNormalization(axis=1)(features)

# Permute moves the channels: after (3, 1, 2) they are on axis 1.
permuted = keras.Sequential([
    keras.Input(shape=(64, 64, 3)),
    layers.Conv2D(32, 3, use_bias=False),
    layers.Permute((3, 1, 2)),
    layers.BatchNormalization(axis=1),
    layers.Permute((2, 3, 1)),
    layers.BatchNormalization(axis=1),  # [keras-batchnorm-wrong-axis]
])

# Reshape: where the channels end up is not stated, so nothing is said.
reshaped = keras.Sequential([
    keras.Input(shape=(64, 64, 3)),
    layers.Conv2D(32, 3, use_bias=False),
    layers.Reshape((62 * 62, 32)),
    layers.BatchNormalization(axis=1),
])
