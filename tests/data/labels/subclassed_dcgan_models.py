# Labels: a subclassed DCGAN (generator and discriminator) whose Dense/conv layers keep a bias that BatchNormalization removes.
# Source: aymericdamien/TensorFlow-Examples, tensorflow_v2/notebooks/3_NeuralNetworks/dcgan.ipynb
# Commit: 6dcbe14649163814e72a22a999f20c5e247ce988
# License: MIT
# Written in our own words with the source's structure (layers in __init__, a flag passed as training); no code copied.
import tensorflow as tf
from tensorflow.keras import Model, layers


class Painter(Model):
    def __init__(self):
        super().__init__()
        self.project = layers.Dense(7 * 7 * 128)  # [keras-bias-before-batchnorm] normalized per unit by norm1 before the reshape
        self.norm1 = layers.BatchNormalization()
        self.up1 = layers.Conv2DTranspose(64, 5, strides=2, padding="SAME")  # [keras-bias-before-batchnorm] straight into norm2
        self.norm2 = layers.BatchNormalization()
        self.up2 = layers.Conv2DTranspose(1, 5, strides=2, padding="SAME")  # [ok: keras-bias-before-batchnorm] the last layer, followed by tanh only

    def call(self, z, is_training=False):
        h = self.project(z)
        h = self.norm1(h, training=is_training)
        h = tf.nn.leaky_relu(h)
        h = tf.reshape(h, shape=[-1, 7, 7, 128])
        h = self.up1(h)
        h = self.norm2(h, training=is_training)
        h = tf.nn.leaky_relu(h)
        return tf.nn.tanh(self.up2(h))


class Critic(Model):
    def __init__(self):
        super().__init__()
        self.down1 = layers.Conv2D(64, 5, strides=2, padding="SAME")  # [keras-bias-before-batchnorm] straight into norm1
        self.norm1 = layers.BatchNormalization()
        self.down2 = layers.Conv2D(128, 5, strides=2, padding="SAME")  # [keras-bias-before-batchnorm] straight into norm2
        self.norm2 = layers.BatchNormalization()
        self.flat = layers.Flatten()
        self.hidden = layers.Dense(1024)  # [keras-bias-before-batchnorm] straight into norm3
        self.norm3 = layers.BatchNormalization()
        self.logits = layers.Dense(2)

    def call(self, images, is_training=False):
        h = tf.reshape(images, [-1, 28, 28, 1])
        h = tf.nn.leaky_relu(self.norm1(self.down1(h), training=is_training))
        h = tf.nn.leaky_relu(self.norm2(self.down2(h), training=is_training))
        h = self.flat(h)
        h = tf.nn.leaky_relu(self.norm3(self.hidden(h), training=is_training))
        return self.logits(h)
