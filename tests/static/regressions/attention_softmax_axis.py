"""Attention scores from a one-unit Dense, normalized over the time axis: softmax over
axis 1, not over the single unit, so it is not always 1.0."""
import tensorflow as tf


class Attention(tf.keras.layers.Layer):
    def __init__(self, units):
        super().__init__()
        self.query = tf.keras.layers.Dense(units)
        self.keys = tf.keras.layers.Dense(units)
        self.score = tf.keras.layers.Dense(1)

    def call(self, query, values):
        hidden = tf.nn.tanh(self.query(tf.expand_dims(query, 1)) + self.keys(values))
        weights = tf.nn.softmax(self.score(hidden), axis=1)
        weights_too = tf.keras.activations.softmax(self.score(hidden), 1)
        return tf.reduce_sum(weights * values, axis=1) + weights_too
