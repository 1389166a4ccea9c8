# Source: tensorflow/docs, site/en/tutorials/structured_data/time_series.ipynb (Apache-2.0).
# The model definition re-expressed for keraslint's static-shape differential test: the
# same layers, hyperparameters and build style; data loading and training left out.
# A Lambda layer that slices the time axis: every shape after it is unknown to the engine.
import tensorflow as tf

OUT_STEPS = 24
num_features = 19
CONV_WIDTH = 3


def build():
    return tf.keras.Sequential([
        tf.keras.Input(shape=(24, num_features)),
        tf.keras.layers.Lambda(lambda x: x[:, -CONV_WIDTH:, :]),
        tf.keras.layers.Conv1D(256, activation="relu", kernel_size=(CONV_WIDTH)),
        tf.keras.layers.Dense(OUT_STEPS * num_features, kernel_initializer=tf.initializers.zeros()),
        tf.keras.layers.Reshape([OUT_STEPS, num_features]),
    ])
