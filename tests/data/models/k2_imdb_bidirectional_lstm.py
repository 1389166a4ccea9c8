# Source: keras-team/keras, examples/imdb_bidirectional_lstm.py (Apache-2.0).
# The model definition re-expressed for keraslint's static-shape differential test: the
# same layers, hyperparameters and build style; data loading and training left out.
import keras
from keras.layers import LSTM, Bidirectional, Dense, Dropout, Embedding
from keras.models import Sequential

max_features = 20000
maxlen = 100


def build():
    model = Sequential()
    model.add(keras.Input(shape=(maxlen,)))
    model.add(Embedding(max_features, 128))
    model.add(Bidirectional(LSTM(64)))
    model.add(Dropout(0.5))
    model.add(Dense(1, activation="sigmoid"))
    return model
