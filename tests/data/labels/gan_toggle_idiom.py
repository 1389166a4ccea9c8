# Labels: a DCGAN whose loop sets the discriminator trainable before its own step and frozen before the generator's.
# Source: PacktPublishing/Hands-On-Generative-Adversarial-Networks-with-Keras, Chapter03/dcgan_cifar10_train.py
# Commit: 7fb3251ccd34ce76ad07d6667732eb183aebb333
# License: MIT
# Written in our own words with the source's structure (Sequential discriminator, toggles in the loop); no code copied.
import numpy as np
from keras.layers import Activation, BatchNormalization, Conv2D, Dense, Flatten, Input, LeakyReLU
from keras.models import Model, Sequential
from keras.optimizers import Adam


def critic_net(width, shape):
    net = Sequential()
    net.add(Conv2D(width, kernel_size=5, strides=2, padding="same", use_bias=True, input_shape=shape))  # [ok: keras-bias-before-batchnorm] no BatchNormalization after the first conv
    net.add(LeakyReLU(0.2))
    net.add(Conv2D(width * 2, kernel_size=5, strides=2, padding="same", use_bias=True))  # [keras-bias-before-batchnorm] the BatchNormalization right after subtracts the bias
    net.add(BatchNormalization())
    net.add(LeakyReLU(0.2))
    net.add(Conv2D(width * 4, kernel_size=5, strides=2, padding="same", use_bias=True))  # [keras-bias-before-batchnorm] same, third block
    net.add(BatchNormalization())
    net.add(LeakyReLU(0.2))
    net.add(Conv2D(width * 8, kernel_size=5, strides=2, padding="same", use_bias=True))  # [keras-bias-before-batchnorm] same, fourth block
    net.add(BatchNormalization())
    net.add(LeakyReLU(0.2))
    net.add(Flatten())
    net.add(Dense(1))  # [ok: keras-probabilities-loss-on-logits] a sigmoid Activation follows
    net.add(Activation("sigmoid"))
    return net


def fit_gan(images, maker, z_size=100, batch=64, rounds=10):
    critic = critic_net(64, images[0].shape)
    critic.compile(Adam(learning_rate=2e-4, beta_1=0.5), loss="binary_crossentropy")
    critic.trainable = False  # [ok: keras-trainable-after-compile] the loop sets it trainable again before the critic's first training call
    z = Input(shape=(z_size,))
    chained = Model(inputs=z, outputs=critic(maker(z)))  # [ok: keras-frozen-base-training-mode] a GAN discriminator frozen for the generator's model, not a pretrained base
    chained.compile(Adam(learning_rate=2e-4, beta_1=0.5), loss="binary_crossentropy")
    ones, zeros = np.ones((batch, 1)), np.zeros((batch, 1))
    for _ in range(rounds):
        for i in range(len(images) // batch):
            critic.trainable = True  # [ok: keras-trainable-after-compile] toggle idiom: each training call keeps the state of its first call
            critic.train_on_batch(images[i * batch:(i + 1) * batch], ones)
            noise = np.random.uniform(-1, 1, size=(batch, z_size))
            critic.train_on_batch(maker.predict_on_batch(noise), zeros)
            critic.trainable = False  # [ok: keras-trainable-after-compile] toggle idiom, frozen before the generator's step
            chained.train_on_batch(noise, ones)
