# Source: keras-team/keras, examples/addition_rnn.py (Apache-2.0).
# The model definition re-expressed for keraslint's static-shape differential test: the
# same layers, hyperparameters and build style; data loading and training left out.
# An alias for the recurrent class, a loop of .add calls, RepeatVector and TimeDistributed.
from keras import layers
from keras.models import Sequential

DIGITS = 3
MAXLEN = DIGITS + 1 + DIGITS
CHARS = 12
HIDDEN_SIZE = 128
LAYERS = 1
RNN = layers.LSTM


def build():
    model = Sequential()
    model.add(RNN(HIDDEN_SIZE, input_shape=(MAXLEN, CHARS)))
    model.add(layers.RepeatVector(DIGITS + 1))
    for _ in range(LAYERS):
        model.add(RNN(HIDDEN_SIZE, return_sequences=True))
    model.add(layers.TimeDistributed(layers.Dense(CHARS)))
    model.add(layers.Activation("softmax"))
    return model
