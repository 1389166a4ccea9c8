"""A GAN trained with train_on_batch that switches the critic's `trainable` before
every training call: each call sees the state its train function first saw, so the
code works on Keras 3 and Keras 2 alike: no finding. The classic idiom (freeze the
critic once, to compile the stacked model) stays flagged."""
import keras
from keras import layers


def build_critic():
    return keras.Sequential([keras.Input(shape=(16,)), layers.Dense(32, activation="relu"), layers.Dense(1)])


def compiled_pair():
    """The critic compiled on its own, then frozen inside the compiled stacked model."""
    critic = keras.Sequential([keras.Input(shape=(16,)), layers.Dense(32, activation="relu"), layers.Dense(1)])
    critic.compile(optimizer="adam", loss="mse")
    maker = keras.Sequential([keras.Input(shape=(4,)), layers.Dense(16, activation="tanh")])
    critic.trainable = False
    noise = keras.Input(shape=(4,))
    stacked = keras.Model(noise, critic(maker(noise)))
    stacked.compile(optimizer="adam", loss="mse")
    return critic, stacked


def toggled(steps, batches):
    critic, stacked = compiled_pair()
    for _ in range(steps):
        for batch in batches:
            critic.trainable = True
            critic.train_on_batch(batch, batch)
            critic.trainable = False
            stacked.train_on_batch(batch, batch)


def toggled_by_branch(steps):
    critic, stacked = compiled_pair()
    for step in range(steps):
        if step % 2:
            critic.trainable = True
            critic.train_on_batch(1, 2)
        else:
            critic.trainable = False
            stacked.train_on_batch(1, 2)


def classic(steps):
    critic = build_critic()
    critic.compile(optimizer="adam", loss="mse")
    maker = keras.Sequential([keras.Input(shape=(4,)), layers.Dense(16, activation="tanh")])
    critic.trainable = False  # [keras-trainable-after-compile]
    noise = keras.Input(shape=(4,))
    stacked = keras.Model(noise, critic(maker(noise)))
    stacked.compile(optimizer="adam", loss="mse")
    for _ in range(steps):
        critic.train_on_batch(1, 2)
        stacked.train_on_batch(1, 2)


def frozen_after_first_fit(epochs):
    net = keras.Sequential([keras.Input(shape=(8,)), layers.Dense(8, activation="relu"), layers.Dense(1)])
    net.compile(optimizer="adam", loss="mse")
    for epoch in range(epochs):
        net.fit(1, 2)
        net.layers[0].trainable = False  # [keras-trainable-after-compile]


def unfrozen_without_recompile():
    trunk = keras.Sequential([keras.Input(shape=(8,)), layers.Dense(8, activation="relu")])
    trunk.trainable = False
    net = keras.Sequential([trunk, layers.Dense(1)])
    net.compile(optimizer="adam", loss="mse")
    net.fit(1, 2)
    trunk.trainable = True  # [keras-trainable-after-compile]
    net.fit(1, 2)


def set_again_to_the_same_value():
    trunk = keras.Sequential([keras.Input(shape=(8,)), layers.Dense(8, activation="relu")])
    net = keras.Sequential([trunk, layers.Dense(1)])
    net.compile(optimizer="adam", loss="mse")
    net.fit(1, 2)
    trunk.trainable = True  # already trainable: nothing changes
    net.fit(1, 2)
