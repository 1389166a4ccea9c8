# Source: keras-team/keras-io, guides/transfer_learning.py (Apache-2.0).
# The model definition re-expressed for keraslint's static-shape differential test: the
# same layers, hyperparameters and build style; data loading and training left out.
# The guide's freezing pattern on a small base (the guide uses an Xception application).
import keras
from keras import layers


def build():
    """A frozen nested base model, a frozen layer and BatchNormalization statistics."""
    base = keras.Sequential(
        [keras.Input((32,)), layers.Dense(64, activation="relu"), layers.BatchNormalization(), layers.Dense(16)],
        name="base",
    )
    base.trainable = False
    inputs = keras.Input((32,))
    x = base(inputs, training=False)
    x = layers.Dense(8, trainable=False)(x)
    outputs = layers.Dense(1)(x)
    return keras.Model(inputs, outputs)
