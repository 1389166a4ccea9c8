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

# After a Reshape or a Dense, the convolutions the BatchNormalization feeds say where the
# channels are (a DCGAN generator's projection).
projected = keras.Sequential([
    keras.Input(shape=(100,)),
    layers.Dense(7 * 7 * 64, use_bias=False),
    layers.Reshape((7, 7, 64)),
    layers.BatchNormalization(axis=1),  # [keras-batchnorm-wrong-axis]
    layers.LeakyReLU(),
    layers.UpSampling2D(),
    layers.Conv2D(32, 3, padding="same"),
])

# Clean: the convolution reads the channels first, as the axis says.
projected_channels_first = keras.Sequential([
    keras.Input(shape=(100,)),
    layers.Dense(64 * 7 * 7, use_bias=False),
    layers.Reshape((64, 7, 7)),
    layers.BatchNormalization(axis=1),
    layers.Activation("relu"),
    layers.Conv2D(32, 3, padding="same", data_format="channels_first"),
])

# Clean: a path that reaches no convolution (here the model's output) says nothing.
projected_head = keras.Sequential([
    keras.Input(shape=(100,)),
    layers.Dense(7 * 7 * 64, use_bias=False),
    layers.Reshape((7, 7, 64)),
    layers.BatchNormalization(axis=1),
])

# Clean: a path that reaches a layer other than a convolution (Flatten, then Dense).
projected_flat = keras.Sequential([
    keras.Input(shape=(100,)),
    layers.Dense(7 * 7 * 64, activation="relu"),
    layers.Reshape((7, 7, 64)),
    layers.BatchNormalization(axis=1),
    layers.Flatten(),
    layers.Dense(10),
])
