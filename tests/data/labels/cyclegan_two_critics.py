# Labels: a CycleGAN whose two discriminators are compiled, frozen for the combined model, and trained later without unfreezing.
# Source: PacktPublishing/Generative-Adversarial-Networks-Projects, Chapter07/run.py
# Commit: 317e7682acfeb5563f70c020a09b1b2e4c6595bb
# License: MIT
# Written in our own words with the source's structure; no code copied.
import numpy as np
from keras.layers import Conv2D, Input, LeakyReLU, ZeroPadding2D
from keras.models import Model
from keras.optimizers import Adam
from keras_contrib.layers import InstanceNormalization


def patch_critic():
    image = Input(shape=(128, 128, 3))
    h = ZeroPadding2D(padding=(1, 1))(image)
    h = Conv2D(64, kernel_size=4, strides=2, padding="valid")(h)  # [ok: keras-window-larger-than-input] a 4x4 valid window on a padded 130x130 input
    h = LeakyReLU(alpha=0.2)(h)
    h = ZeroPadding2D(padding=(1, 1))(h)
    for depth in range(1, 4):
        h = Conv2D(2 ** depth * 64, kernel_size=4, strides=2, padding="valid")(h)
        h = InstanceNormalization(axis=1)(h)
        h = LeakyReLU(alpha=0.2)(h)
        h = ZeroPadding2D(padding=(1, 1))(h)
    return Model(inputs=[image], outputs=[Conv2D(1, kernel_size=4, strides=1, activation="sigmoid")(h)])


optimizer = Adam(0.0002, 0.5)
critic_a, critic_b = patch_critic(), patch_critic()
critic_a.compile(loss="mse", optimizer=optimizer, metrics=["accuracy"])
critic_b.compile(loss="mse", optimizer=optimizer, metrics=["accuracy"])
to_b, to_a = make_translator(), make_translator()
photo_a, photo_b = Input(shape=(128, 128, 3)), Input(shape=(128, 128, 3))
fake_b, fake_a = to_b(photo_a), to_a(photo_b)
critic_a.trainable = False  # [keras-trainable-after-compile] compiled above, first trained below while still frozen: on Keras 3 it never learns
critic_b.trainable = False  # [keras-trainable-after-compile] same for the second discriminator
score_a = critic_a(fake_a)  # [ok: keras-frozen-base-training-mode] a discriminator with InstanceNormalization only, not a pretrained base
score_b = critic_b(fake_b)  # [ok: keras-frozen-base-training-mode] same
cycle = Model(inputs=[photo_a, photo_b], outputs=[score_a, score_b, to_a(fake_b), to_b(fake_a)])
cycle.compile(loss=["mse", "mse", "mae", "mae"], loss_weights=[1, 1, 10.0, 10.0], optimizer=optimizer)
for epoch in range(100):
    for batch_a, batch_b in batches():
        real, fake = np.ones((1, 7, 7, 1)), np.zeros((1, 7, 7, 1))
        critic_a.train_on_batch(batch_a, real)
        critic_a.train_on_batch(to_a.predict(batch_b), fake)
        critic_b.train_on_batch(batch_b, real)
        critic_b.train_on_batch(to_b.predict(batch_a), fake)
        cycle.train_on_batch([batch_a, batch_b], [real, real, batch_a, batch_b])
