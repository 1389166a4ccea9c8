# Source: keras-team/keras-io, examples/timeseries/timeseries_weather_forecasting.py (Apache-2.0).
# The model definition re-expressed for keraslint's static-shape differential test: the
# same layers, hyperparameters and build style; data loading and training left out.
import keras

sequence_length = 120
features = 7


def build():
    inputs = keras.layers.Input(shape=(sequence_length, features))
    lstm_out = keras.layers.LSTM(32)(inputs)
    outputs = keras.layers.Dense(1)(lstm_out)
    return keras.Model(inputs=inputs, outputs=outputs)
