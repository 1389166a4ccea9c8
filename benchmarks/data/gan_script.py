"""A 20-line GAN training script, the kind of single file people lint inside their project's environment."""
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

latent_dim = 32
generator = keras.Sequential([keras.Input((latent_dim,)), layers.Dense(128), layers.LeakyReLU(0.2), layers.Dense(784, activation="tanh")])
discriminator = keras.Sequential([keras.Input((784,)), layers.Dense(128), layers.LeakyReLU(0.2), layers.Dense(1, activation="sigmoid")])
discriminator.compile(optimizer="adam", loss="binary_crossentropy")
discriminator.trainable = False
z = keras.Input((latent_dim,))
gan = keras.Model(z, discriminator(generator(z)))
gan.compile(optimizer="adam", loss="binary_crossentropy")
for step in range(100):
    noise = np.random.normal(size=(64, latent_dim))
    fake = generator.predict(noise, verbose=0)
    real = np.random.normal(size=(64, 784))
    discriminator.train_on_batch(np.concatenate([real, fake]), np.concatenate([np.ones((64, 1)), np.zeros((64, 1))]))
    gan.train_on_batch(noise, np.ones((64, 1)))
