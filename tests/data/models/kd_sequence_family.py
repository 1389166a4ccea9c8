# Source: keras-team/keras, keras/src/layers/convolutional/*.py, keras/src/layers/rnn/*.py (docstring examples) (Apache-2.0).
# The model definition re-expressed for keraslint's static-shape differential test: the
# same layers, hyperparameters and build style; data loading and training left out.
import keras
from keras import layers


def build():
    """1-D convolutions and every recurrent layer in one sequence model."""
    inputs = keras.Input(shape=(100, 12))
    x = layers.Conv1D(32, 5, padding="causal", dilation_rate=2)(inputs)
    x = layers.SeparableConv1D(16, 3, strides=2, padding="same")(x)
    x = layers.DepthwiseConv1D(3, depth_multiplier=2)(x)
    x = layers.MaxPooling1D(pool_size=3, strides=2)(x)
    x = layers.AveragePooling1D(pool_size=2, padding="same")(x)
    x = layers.SimpleRNN(8, return_sequences=True)(x)
    x = layers.GRU(8, return_sequences=True, reset_after=False)(x)
    x = layers.GRU(8, return_sequences=True)(x)
    x = layers.Bidirectional(layers.GRU(4, return_sequences=True), merge_mode="sum")(x)
    x = layers.TimeDistributed(layers.Dense(6))(x)
    x = layers.LSTM(5, use_bias=False)(x)
    return keras.Model(inputs, x)
