# Source: tensorflow/docs, site/en/tutorials/keras/regression.ipynb (Apache-2.0).
# The model definition re-expressed for keraslint's static-shape differential test: the
# same layers, hyperparameters and build style; data loading and training left out.
# The Normalization layer is adapted to data in the tutorial; its statistics are variables either way.
import tensorflow as tf
from tensorflow.keras import layers


def build():
    normalizer = layers.Normalization(input_shape=[9], axis=-1)
    model = tf.keras.Sequential([
        normalizer,
        layers.Dense(64, activation="relu"),
        layers.Dense(64, activation="relu"),
        layers.Dense(1),
    ])
    return model
