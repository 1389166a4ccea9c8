"""Build style: layers under `if`; the message names the condition."""
import keras
from keras import layers


def block(x, filters, use_bn):
    x = layers.Conv2D(filters, 3, padding="same")(x)  # [keras-bias-before-batchnorm]
    if use_bn:
        x = layers.BatchNormalization()(x)
    x = layers.Activation("relu")(x)
    return x


def block_else(x, filters, norm):
    x = layers.Dense(filters)(x)  # [keras-bias-before-batchnorm]
    if norm == "layer":
        x = layers.LayerNormalization()(x)
    else:
        x = layers.BatchNormalization()(x)
    return layers.ReLU()(x)


USE_BN = False
inputs = keras.Input(shape=(32, 32, 3))
# Clean: a literal module constant folds the branch away.
y = layers.Conv2D(8, 3)(inputs)
if USE_BN:
    y = layers.BatchNormalization()(y)
y = layers.ReLU()(y)


def build(use_dropout):
    model = keras.Sequential()
    model.add(layers.Dense(64, activation="relu", input_shape=(8,)))
    if use_dropout:
        model.add(layers.Dropout(0.5))  # [keras-dropout-before-batchnorm]
    model.add(layers.BatchNormalization())
    return model
