# Labels: multi-step forecasting heads whose output Dense starts at zero, some applied to a length-1 time axis.
# Source: tensorflow/docs, site/en/tutorials/structured_data/time_series.ipynb
# Commit: 7c3650212740204359d4ceae481abc79345541be
# License: Apache-2.0
# Written in our own words with the source's structure; no code copied.
import tensorflow as tf

HORIZON, WIDTH = 24, 3

last_step_linear = tf.keras.Sequential([
    tf.keras.layers.Lambda(lambda t: t[:, -1:, :]),
    tf.keras.layers.Dense(HORIZON * n_features, kernel_initializer=tf.initializers.zeros()),  # [ok: keras-constant-kernel-initializer] a linear output layer: each unit has its own target, so zeros are a fine start
    tf.keras.layers.Reshape([HORIZON, n_features]),
])
conv_head = tf.keras.Sequential([
    tf.keras.layers.Lambda(lambda t: t[:, -WIDTH:, :]),
    tf.keras.layers.Conv1D(256, activation="relu", kernel_size=WIDTH),
    tf.keras.layers.Dense(HORIZON * n_features, kernel_initializer=tf.initializers.zeros()),  # [ok: keras-constant-kernel-initializer] linear output layer after a randomly initialized conv; [ok: keras-dense-on-unflattened] the conv leaves a time axis of length 1 on purpose, reshaped next
    tf.keras.layers.Reshape([HORIZON, n_features]),
])
recurrent_head = tf.keras.Sequential([
    tf.keras.layers.LSTM(32, return_sequences=False),
    tf.keras.layers.Dense(HORIZON * n_features, kernel_initializer=tf.initializers.zeros()),  # [ok: keras-constant-kernel-initializer] linear output layer after an LSTM
    tf.keras.layers.Reshape([HORIZON, n_features]),
])
for forecaster in (last_step_linear, conv_head, recurrent_head):
    forecaster.compile(loss=tf.keras.losses.MeanSquaredError(), optimizer=tf.keras.optimizers.Adam(),
                       metrics=[tf.keras.metrics.MeanAbsoluteError()])
