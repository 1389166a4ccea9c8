# Source: keras-team/keras, examples/imdb_cnn_lstm.py (Apache-2.0).
# The model definition re-expressed for keraslint's static-shape differential test: the
# same layers, hyperparameters and build style; data loading and training left out.
from keras.layers import LSTM, Activation, Conv1D, Dense, Dropout, Embedding, MaxPooling1D
from keras.models import Sequential

max_features = 20000
maxlen = 100
embedding_size = 128
kernel_size = 5
filters = 64
pool_size = 4
lstm_output_size = 70


def build():
    model = Sequential()
    model.add(Embedding(max_features, embedding_size))
    model.add(Dropout(0.25))
    model.add(Conv1D(filters, kernel_size, padding="valid", activation="relu", strides=1))
    model.add(MaxPooling1D(pool_size=pool_size))
    model.add(LSTM(lstm_output_size))
    model.add(Dense(1))
    model.add(Activation("sigmoid"))
    model.build((None, maxlen))
    return model
