"""keras-recurrent-without-time-axis: flagged and clean cases over the build styles."""
import keras
import tensorflow as tf
from keras import layers
from tensorflow.keras.layers import GRU, LSTM, Bidirectional, Dense, Dropout, SimpleRNN

# Sequential: the first LSTM lacks return_sequences=True.
model = keras.Sequential([
    keras.Input(shape=(50, 8)),
    layers.LSTM(64),
    layers.LSTM(32),  # [keras-recurrent-without-time-axis]
    layers.Dense(1),
])

# .add with tensorflow.keras, input_shape on the first layer, a Dropout in between.
added = tf.keras.Sequential()
added.add(GRU(32, input_shape=(20, 3)))
added.add(Dropout(0.2))
added.add(GRU(16))  # [keras-recurrent-without-time-axis]

# Bidirectional around a last-output LSTM, then another Bidirectional.
stacked = keras.Sequential([
    keras.Input(shape=(30, 5)),
    Bidirectional(LSTM(16)),
    Bidirectional(LSTM(16)),  # [keras-recurrent-without-time-axis]
])

# Functional: plain features with no time axis at all.
features = keras.Input(shape=(12,))
hidden = Dense(8)(features)
recurrent = SimpleRNN(4)(hidden)  # [keras-recurrent-without-time-axis]

# A helper in a loop: every layer but the last needs return_sequences=True.
def recurrent_stack(x, sizes):
    for units in sizes:
        x = layers.LSTM(units)(x)  # [keras-recurrent-without-time-axis]
    return x

sequence = keras.Input(shape=(40, 6))
stacked_output = recurrent_stack(sequence, [32, 16])

# ConvLSTM2D wants (batch, time, rows, cols, channels).
frames = keras.Input(shape=(64, 64, 3))
conv_lstm = layers.ConvLSTM2D(8, 3)(frames)  # [keras-recurrent-without-time-axis]

# A subclassed model: the input of a call is not carried into call(), so its shapes
# are unknown and nothing is said (never guessed).
class Stacked(keras.Model):
    def __init__(self):
        super().__init__()
        self.first = layers.GRU(8)
        self.second = layers.GRU(8)

    def call(self, inputs):
        return self.second(self.first(inputs))

subclassed = Stacked()
subclassed(keras.Input(shape=(10, 2)))

# Clean: return_sequences=True, Embedding gives a time axis, RepeatVector adds one.
clean = keras.Sequential([
    keras.Input(shape=(50, 8)),
    layers.LSTM(64, return_sequences=True),
    layers.Dropout(0.1),
    layers.LSTM(32),
    layers.RepeatVector(5),
    layers.LSTM(16, return_sequences=True),
])
words = keras.Sequential([keras.Input(shape=(100,)), layers.Embedding(1000, 16), layers.GRU(8)])
clean_bidirectional = keras.Sequential([
    keras.Input(shape=(30, 5)),
    Bidirectional(LSTM(16, return_sequences=True)),
    Bidirectional(LSTM(16)),
])

# Clean: return_sequences from a parameter, an input of unknown rank: never guessed.
def configurable(flag):
    return keras.Sequential([keras.Input(shape=(10, 3)), layers.LSTM(8, return_sequences=flag), layers.LSTM(8)])

def unknown(x):
    return layers.LSTM(8)(x)
