# Labels: a DCGAN trained with the compile, freeze, compile idiom and no toggling in the loop.
# Source: PacktPublishing/Advanced-Deep-Learning-with-Keras, chapter4-gan/dcgan-mnist-4.2.1.py
# Commit: b065726ee733d32c6bd618fc7643c9fc51767c75
# License: MIT
# Written in our own words with the source's structure (helpers, loop, compile and training calls); no code copied.
import numpy as np
from tensorflow.keras.layers import Activation, Conv2D, Dense, Flatten, Input, LeakyReLU
from tensorflow.keras.models import Model
from tensorflow.keras.optimizers import RMSprop


def make_critic(image):
    widths = [32, 64, 128, 256]
    h = image
    for width in widths:
        step = 1 if width == widths[-1] else 2
        h = LeakyReLU(alpha=0.2)(h)
        h = Conv2D(width, kernel_size=5, strides=step, padding="same")(h)  # [keras-stacked-linear-layers] the last conv of the loop reaches Dense(1) through Flatten with no activation
    h = Flatten()(h)
    h = Dense(1)(h)  # [ok: keras-probabilities-loss-on-logits] a sigmoid Activation follows; [ok: keras-loss-activation-mismatch] sigmoid output with binary cross-entropy
    h = Activation("sigmoid")(h)
    return Model(image, h, name="critic")


def run_training(nets, images, steps, batch, latent):
    maker, critic, stacked = nets
    for _ in range(steps):
        real = images[np.random.randint(0, images.shape[0], size=batch)]
        fake = maker.predict(np.random.uniform(-1.0, 1.0, size=[batch, latent]))
        targets = np.ones([2 * batch, 1])
        targets[batch:, :] = 0.0
        critic.train_on_batch(np.concatenate((real, fake)), targets)
        stacked.train_on_batch(np.random.uniform(-1.0, 1.0, size=[batch, latent]), np.ones([batch, 1]))


def build_all(images, make_maker, latent=100):
    image = Input(shape=(28, 28, 1))
    critic = make_critic(image)
    critic.compile(loss="binary_crossentropy", optimizer=RMSprop(learning_rate=2e-4), metrics=["accuracy"])
    noise = Input(shape=(latent,))
    maker = make_maker(noise)
    critic.trainable = False  # [keras-trainable-after-compile] compiled, frozen for the stacked model, then first trained by train_on_batch while frozen: on Keras 3 it never learns
    stacked = Model(noise, critic(maker(noise)))  # [ok: keras-frozen-base-training-mode] a GAN critic without BatchNormalization, not a pretrained base
    stacked.compile(loss="binary_crossentropy", optimizer=RMSprop(learning_rate=1e-4), metrics=["accuracy"])
    run_training((maker, critic, stacked), images, 1000, 64, latent)
