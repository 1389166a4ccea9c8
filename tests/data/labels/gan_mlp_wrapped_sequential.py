# Labels: an MLP GAN whose networks are Sequential models wrapped in functional Models; classic compile-freeze-compile.
# Source: PacktPublishing/Python-Deep-Learning-Second-Edition, Chapter06/chapter_06_002.py
# Commit: a44db1a21d101009dd610ad3adafba475a648f0e
# License: MIT
# Written in our own words with the source's structure; no code copied.
import numpy as np
from keras.layers import BatchNormalization, Dense, Flatten, Input, LeakyReLU, Reshape
from keras.models import Model, Sequential
from keras.optimizers import Adam


def forger(latent):
    stack = Sequential([
        Dense(128, input_dim=latent),  # [ok: keras-bias-before-batchnorm] LeakyReLU sits between the Dense and the BatchNormalization
        LeakyReLU(alpha=0.2),
        BatchNormalization(momentum=0.8),
        Dense(256),  # [ok: keras-bias-before-batchnorm] same
        LeakyReLU(alpha=0.2),
        BatchNormalization(momentum=0.8),
        Dense(784, activation="tanh"),
        Reshape((28, 28, 1)),
    ])
    z = Input(shape=(latent,))
    return Model(z, stack(z))


def inspector():
    stack = Sequential([
        Flatten(input_shape=(28, 28, 1)),
        Dense(256),
        LeakyReLU(alpha=0.2),
        Dense(128),
        LeakyReLU(alpha=0.2),
        Dense(1, activation="sigmoid"),  # [ok: keras-loss-activation-mismatch] sigmoid with binary cross-entropy
    ])
    image = Input(shape=(28, 28, 1))
    return Model(image, stack(image))


def train(maker, judge, both, steps, batch):
    for _ in range(steps):
        real = x_train[np.random.randint(0, x_train.shape[0], batch)]
        fake = maker.predict(np.random.normal(0, 1, (batch, 64)))
        judge.train_on_batch(real, np.ones((batch, 1)))
        judge.train_on_batch(fake, np.zeros((batch, 1)))
        both.train_on_batch(np.random.normal(0, 1, (batch, 64)), np.ones((batch, 1)))


judge = inspector()
judge.compile(loss="binary_crossentropy", optimizer=Adam(learning_rate=0.0002, beta_1=0.5), metrics=["accuracy"])
maker = forger(64)
z = Input(shape=(64,))
judge.trainable = False  # [keras-trainable-after-compile] compiled above and first trained inside train() while frozen: on Keras 3 it never learns
both = Model(z, judge(maker(z)))  # [ok: keras-frozen-base-training-mode] a GAN discriminator of Dense layers only, not a pretrained base
both.compile(loss="binary_crossentropy", optimizer=Adam(learning_rate=0.0002, beta_1=0.5))
train(maker, judge, both, 15000, 128)
