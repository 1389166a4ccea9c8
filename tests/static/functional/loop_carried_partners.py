"""Messages that name a partner layer say when the connection runs into the next
iteration of a loop; loops over a known sequence too long to unroll still run."""
import keras
from keras import layers


# The Dropout at the end of one pass feeds the BatchNormalization that starts the next.
def dropout_tower(x, depth):
    for _ in range(depth):
        x = layers.BatchNormalization()(x)
        x = layers.Dense(32, activation="relu")(x)
        x = layers.Dropout(0.3)(x)  # [keras-dropout-before-batchnorm]
    return x


# The BatchNormalization at the start of each pass normalizes axis 1 of a channels_last
# convolution output: the one before the loop in the first pass, where the message
# names it, the previous pass's afterwards.
def axis_tower(x, depth):
    x = layers.Conv2D(16, 3, padding="same", use_bias=False)(x)
    for _ in range(depth):
        x = layers.BatchNormalization(axis=1)(x)  # [keras-batchnorm-wrong-axis]
        x = layers.ReLU()(x)
        x = layers.Conv2D(16, 3, padding="same", use_bias=False)(x)
    return x


# A ReLU that repeats the activation of the layer before it in every pass.
def relu_tower(x, depth):
    for _ in range(depth):
        x = layers.Dense(32, activation="relu")(x)
        x = layers.Dense(32, activation="relu")(x)
        x = layers.ReLU()(x)  # [keras-redundant-activation]
    return x


# range(200) runs: the convolution before the loop always meets the loop's first
# BatchNormalization, never the one after the loop.
def long_tower(x):
    x = layers.Conv2D(8, 3, padding="same")(x)  # [keras-bias-before-batchnorm]
    for _ in range(200):
        x = layers.BatchNormalization()(x)
        x = layers.ReLU()(x)
        x = layers.Conv2D(8, 3, padding="same", use_bias=False)(x)
    return layers.BatchNormalization()(x)


# A loop over an unknown iterable may run zero times: the convolution may feed the
# BatchNormalization after the loop, or the Dense layers in it, so its bias is kept.
def unknown_tower(x, widths):
    x = layers.Conv2D(8, 3, padding="same")(x)
    for width in widths:
        x = layers.Conv2D(width, 3, padding="same", activation="relu")(x)
    return layers.BatchNormalization()(x)


# The Dropout feeds the next pass's BatchNormalization in every pass but the last,
# whose output is the model's features.
def dropout_stack(x):
    for units in (64, 32, 16):
        x = layers.BatchNormalization()(x)
        x = layers.Dense(units, activation="relu")(x)
        x = layers.Dropout(0.2)(x)  # [keras-dropout-before-batchnorm]
    return x
