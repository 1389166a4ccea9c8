# Source: keras-team/keras-io, guides/working_with_rnns.py (Apache-2.0).
# The model definition re-expressed for keraslint's static-shape differential test: the
# same layers, hyperparameters and build style; data loading and training left out.
# The guide's model has no input; an Input of variable length is added so that Keras builds it.
import keras
from keras import layers


def build():
    model = keras.Sequential()
    model.add(keras.Input(shape=(None,)))
    model.add(layers.Embedding(input_dim=1000, output_dim=64))
    model.add(layers.GRU(256, return_sequences=True))
    model.add(layers.SimpleRNN(128))
    model.add(layers.Dense(10))
    return model
