# Labels: the DCGAN tutorial's generator (no bias before BatchNormalization) and logit discriminator.
# Source: tensorflow/docs, site/en/tutorials/generative/dcgan.ipynb
# Commit: 7c3650212740204359d4ceae481abc79345541be
# License: Apache-2.0
# Written in our own words with the source's structure (Sequential.add inside builder functions); no code copied.
import tensorflow as tf
from tensorflow.keras import layers


def build_painter():
    net = tf.keras.Sequential()
    net.add(layers.Dense(7 * 7 * 256, use_bias=False, input_shape=(100,)))  # [ok: keras-bias-before-batchnorm] use_bias=False
    net.add(layers.BatchNormalization())  # [ok: keras-batchnorm-on-raw-input] follows a Dense layer, not the noise input
    net.add(layers.LeakyReLU())
    net.add(layers.Reshape((7, 7, 256)))
    net.add(layers.Conv2DTranspose(128, (5, 5), strides=(1, 1), padding="same", use_bias=False))  # [ok: keras-bias-before-batchnorm] use_bias=False
    net.add(layers.BatchNormalization())
    net.add(layers.LeakyReLU())
    net.add(layers.Conv2DTranspose(64, (5, 5), strides=(2, 2), padding="same", use_bias=False))  # [ok: keras-bias-before-batchnorm] use_bias=False
    net.add(layers.BatchNormalization())
    net.add(layers.LeakyReLU())
    net.add(layers.Conv2DTranspose(1, (5, 5), strides=(2, 2), padding="same", use_bias=False, activation="tanh"))
    return net


def build_judge():
    net = tf.keras.Sequential()
    net.add(layers.Conv2D(64, (5, 5), strides=(2, 2), padding="same", input_shape=[28, 28, 1]))
    net.add(layers.LeakyReLU())
    net.add(layers.Dropout(0.3))
    net.add(layers.Conv2D(128, (5, 5), strides=(2, 2), padding="same"))
    net.add(layers.LeakyReLU())
    net.add(layers.Dropout(0.3))  # [ok: keras-dropout-before-batchnorm] no BatchNormalization follows
    net.add(layers.Flatten())
    net.add(layers.Dense(1))  # [ok: keras-probabilities-loss-on-logits] the training loop's loss takes logits (from_logits=True)
    return net


bce = tf.keras.losses.BinaryCrossentropy(from_logits=True)
painter, judge = build_painter(), build_judge()
