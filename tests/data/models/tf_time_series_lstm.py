# Source: tensorflow/docs, site/en/tutorials/structured_data/time_series.ipynb (Apache-2.0).
# The model definition re-expressed for keraslint's static-shape differential test: the
# same layers, hyperparameters and build style; data loading and training left out.
# The tutorial's model gets its input from the data; the window shape is stated here.
import tensorflow as tf

num_features = 19


def build():
    return tf.keras.models.Sequential([
        tf.keras.Input(shape=(24, num_features)),
        tf.keras.layers.LSTM(32, return_sequences=True),
        tf.keras.layers.Dense(units=1),
    ])
