# Source: keras-team/keras, examples/mnist_hierarchical_rnn.py (Apache-2.0).
# The model definition re-expressed for keraslint's static-shape differential test: the
# same layers, hyperparameters and build style; data loading and training left out.
from keras.layers import LSTM, Dense, Input, TimeDistributed
from keras.models import Model

row, col, pixel = 28, 28, 1
row_hidden = 128
col_hidden = 128
num_classes = 10


def build():
    x = Input(shape=(row, col, pixel))
    encoded_rows = TimeDistributed(LSTM(row_hidden))(x)
    encoded_columns = LSTM(col_hidden)(encoded_rows)
    prediction = Dense(num_classes, activation="softmax")(encoded_columns)
    return Model(x, prediction)
