# Source: keras-team/keras-io, examples/generative/lstm_character_level_text_generation.py (Apache-2.0).
# The model definition re-expressed for keraslint's static-shape differential test: the
# same layers, hyperparameters and build style; data loading and training left out.
import keras
from keras import layers

maxlen = 40
num_chars = 56


def build():
    return keras.Sequential(
        [
            keras.Input(shape=(maxlen, num_chars)),
            layers.LSTM(128),
            layers.Dense(num_chars, activation="softmax"),
        ]
    )
