# Labels: the first edition's GAN: discriminator compiled, frozen, GAN compiled, then both trained in a loop without toggling.
# Source: fchollet/deep-learning-with-python-notebooks, first_edition/8.5-introduction-to-gans.ipynb
# Commit: dea84a4e12cc3bb3cb61ce952a0168bca113d315
# License: MIT
# Written in our own words with the source's structure; no code copied.
import keras
import numpy as np
from keras import layers

latent = 32
seed = keras.Input(shape=(latent,))
g = layers.Dense(128 * 16 * 16)(seed)
g = layers.LeakyReLU()(g)  # [ok: keras-redundant-activation] the Dense has no activation of its own
g = layers.Reshape((16, 16, 128))(g)
g = layers.Conv2D(256, 5, padding="same")(g)
g = layers.LeakyReLU()(g)
g = layers.Conv2DTranspose(256, 4, strides=2, padding="same")(g)
g = layers.LeakyReLU()(g)
g = layers.Conv2D(3, 7, activation="tanh", padding="same")(g)
maker = keras.models.Model(seed, g)

shot = layers.Input(shape=(32, 32, 3))
d = layers.Conv2D(128, 3)(shot)
d = layers.LeakyReLU()(d)
d = layers.Conv2D(128, 4, strides=2)(d)
d = layers.LeakyReLU()(d)
d = layers.Flatten()(d)
d = layers.Dropout(0.4)(d)
d = layers.Dense(1, activation="sigmoid")(d)  # [ok: keras-loss-activation-mismatch] sigmoid with binary cross-entropy
judge = keras.models.Model(shot, d)
judge.compile(optimizer=keras.optimizers.RMSprop(learning_rate=0.0008, clipvalue=1.0), loss="binary_crossentropy")

judge.trainable = False  # [keras-trainable-after-compile] compiled before, and its first train_on_batch below runs while frozen: on Keras 3 the judge never learns
noise = keras.Input(shape=(latent,))
duel = keras.models.Model(noise, judge(maker(noise)))  # [ok: keras-frozen-base-training-mode] a GAN discriminator without BatchNormalization, not a pretrained base
duel.compile(optimizer=keras.optimizers.RMSprop(learning_rate=0.0004, clipvalue=1.0), loss="binary_crossentropy")

start = 0
for step in range(10000):
    z = np.random.normal(size=(20, latent))
    fakes = maker.predict(z)
    reals = x_train[start:start + 20]
    targets = np.concatenate([np.ones((20, 1)), np.zeros((20, 1))])
    judge.train_on_batch(np.concatenate([fakes, reals]), targets)
    duel.train_on_batch(np.random.normal(size=(20, latent)), np.zeros((20, 1)))
    start += 20
