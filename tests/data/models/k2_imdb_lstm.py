# Source: keras-team/keras, examples/imdb_lstm.py (Apache-2.0).
# The model definition re-expressed for keraslint's static-shape differential test: the
# same layers, hyperparameters and build style; data loading and training left out.
from keras.layers import LSTM, Dense, Embedding
from keras.models import Sequential

max_features = 20000
maxlen = 80


def build():
    model = Sequential()
    model.add(Embedding(max_features, 128))
    model.add(LSTM(128, dropout=0.2, recurrent_dropout=0.2))
    model.add(Dense(1, activation="sigmoid"))
    model.build((None, maxlen))
    return model
