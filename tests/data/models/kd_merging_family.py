# Source: keras-team/keras, keras/src/layers/merging/*.py (docstring examples) (Apache-2.0).
# The model definition re-expressed for keraslint's static-shape differential test: the
# same layers, hyperparameters and build style; data loading and training left out.
import keras
from keras import layers


def build():
    """The merge layers, as classes and as functions, and a shared Dense."""
    input1 = keras.Input(shape=(16,))
    input2 = keras.Input(shape=(32,))
    x1 = layers.Dense(8, activation="relu")(input1)
    x2 = layers.Dense(8, activation="relu")(input2)
    added = layers.Add()([x1, x2])
    subtracted = layers.Subtract()([x1, x2])
    multiplied = layers.multiply([x1, x2])
    averaged = layers.Average()([added, subtracted])
    maximum = layers.Maximum()([averaged, multiplied])
    minimum = layers.minimum([maximum, x1])
    shared = layers.Dense(4)
    merged = layers.concatenate([shared(minimum), shared(x2), x1], axis=1)
    out = layers.Dense(4)(merged)
    return keras.Model(inputs=[input1, input2], outputs=out)
