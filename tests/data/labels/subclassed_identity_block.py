# Labels: a subclassed ResNet identity block whose convolutions keep their bias before BatchNormalization.
# Source: tensorflow/docs, site/en/tutorials/customization/custom_layers.ipynb
# Commit: 7c3650212740204359d4ceae481abc79345541be
# License: Apache-2.0
# Written in our own words with the source's structure (layers in __init__, wired in call()); no code copied.
import tensorflow as tf


class IdentityBlock(tf.keras.Model):
    def __init__(self, kernel_size, widths):
        super().__init__(name="")
        w1, w2, w3 = widths
        self.reduce = tf.keras.layers.Conv2D(w1, (1, 1))  # [keras-bias-before-batchnorm] call() feeds it straight into norm_a
        self.norm_a = tf.keras.layers.BatchNormalization()
        self.spatial = tf.keras.layers.Conv2D(w2, kernel_size, padding="same")  # [keras-bias-before-batchnorm] call() feeds it straight into norm_b
        self.norm_b = tf.keras.layers.BatchNormalization()
        self.expand = tf.keras.layers.Conv2D(w3, (1, 1))  # [keras-bias-before-batchnorm] call() feeds it straight into norm_c, before the residual sum
        self.norm_c = tf.keras.layers.BatchNormalization()

    def call(self, inputs, training=False):
        h = self.reduce(inputs)
        h = self.norm_a(h, training=training)
        h = tf.nn.relu(h)
        h = self.spatial(h)
        h = self.norm_b(h, training=training)
        h = tf.nn.relu(h)
        h = self.expand(h)
        h = self.norm_c(h, training=training)
        h += inputs
        return tf.nn.relu(h)


block = IdentityBlock(1, [1, 2, 3])
