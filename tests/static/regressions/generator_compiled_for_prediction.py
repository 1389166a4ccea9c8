"""A GAN generator ends in tanh and is compiled with binary cross-entropy it never
trains on: it is trained inside the combined model, or only loaded and sampled."""
import numpy as np
from keras.layers import Activation, Dense
from keras.models import Sequential


def make_generator():
    model = Sequential()
    model.add(Dense(1024, input_dim=1024, activation="relu"))
    model.add(Dense(28 * 28))
    model.add(Activation("tanh"))
    return model


def make_discriminator():
    model = Sequential()
    model.add(Dense(64, input_dim=28 * 28, activation="relu"))
    model.add(Dense(1, activation="sigmoid"))
    return model


def train(steps):
    generator, discriminator = make_generator(), make_discriminator()
    combined = Sequential()
    combined.add(generator)
    combined.add(discriminator)
    generator.compile(loss="binary_crossentropy", optimizer="sgd")
    combined.compile(loss="binary_crossentropy", optimizer="sgd")
    for _ in range(steps):
        combined.train_on_batch(np.random.rand(8, 1024), np.ones(8))


def sample(count):
    generator = make_generator()
    generator.compile(loss="binary_crossentropy", optimizer="sgd")
    generator.load_weights("generator.h5")
    return generator.predict(np.random.rand(count, 1024))
