# Labels: a Keras 2 GAN generator for CIFAR-10 whose BatchNormalization(axis=1) assumes Theano's channels-first ordering.
# Source: PacktPublishing/Deep-Learning-with-Keras, Chapter04/cifar10/example_gan_cifar10.py
# Commit: 157230ac35c19e97229607362a1dddf90ff3138f
# License: MIT
# Written in our own words with the source's structure (Sequential.add, layer objects added later); no code copied.
import keras.backend as K
from keras.layers import Activation, AveragePooling2D, BatchNormalization, Conv2D, Dense, Flatten, LeakyReLU
from keras.layers import MaxPooling2D, Reshape, UpSampling2D
from keras.models import Sequential
from keras.regularizers import L1L2


def ordered(shape):
    return shape if K.image_dim_ordering() == "th" else (shape[1], shape[2], shape[0])


def make_generator():
    g = Sequential()
    penalty = lambda: L1L2(l1=1e-7, l2=1e-7)
    g.add(Dense(256 * 4 * 4, input_dim=100, kernel_regularizer=penalty()))  # [keras-bias-before-batchnorm] the BatchNormalization right after subtracts it; [ok: keras-stacked-linear-layers] the projection before the first Conv2D is a factorization: one merged layer would be a far larger Dense
    g.add(BatchNormalization())
    g.add(Reshape(ordered((256, 4, 4))))
    g.add(Conv2D(128, (5, 5), padding="same", kernel_regularizer=penalty()))  # [keras-bias-before-batchnorm] under channels_first, the ordering this Theano-era code was written for, axis=1 is the channel axis and cancels the bias (the finding names that format; under channels_last the axis is the rows and the bias survives)
    g.add(BatchNormalization(axis=1))  # [keras-batchnorm-wrong-axis] rows under the default tf ordering, which ordered() follows
    g.add(LeakyReLU(0.2))
    g.add(UpSampling2D(size=(2, 2)))
    g.add(Conv2D(128, (5, 5), padding="same", kernel_regularizer=penalty()))  # [keras-bias-before-batchnorm] same
    g.add(BatchNormalization(axis=1))  # [keras-batchnorm-wrong-axis] same
    g.add(LeakyReLU(0.2))
    g.add(UpSampling2D(size=(2, 2)))
    g.add(Conv2D(64, (5, 5), padding="same", kernel_regularizer=penalty()))  # [keras-bias-before-batchnorm] same
    g.add(BatchNormalization(axis=1))  # [keras-batchnorm-wrong-axis] same
    g.add(LeakyReLU(0.2))
    g.add(UpSampling2D(size=(2, 2)))
    g.add(Conv2D(3, (5, 5), padding="same", kernel_regularizer=penalty()))
    g.add(Activation("sigmoid"))
    return g


def make_discriminator():
    penalty = lambda: L1L2(l1=1e-7, l2=1e-7)
    first = Conv2D(64, (5, 5), padding="same", kernel_regularizer=penalty(), input_shape=(32, 32, 3))
    second = Conv2D(128, (5, 5), padding="same", kernel_regularizer=penalty())
    last = Conv2D(1, (5, 5), padding="same", kernel_regularizer=penalty())
    d = Sequential()
    d.add(first)
    d.add(MaxPooling2D(pool_size=(2, 2)))
    d.add(LeakyReLU(0.2))
    d.add(second)
    d.add(MaxPooling2D(pool_size=(2, 2)))
    d.add(LeakyReLU(0.2))
    d.add(last)
    d.add(AveragePooling2D(pool_size=(8, 8), padding="valid"))
    d.add(Flatten())
    d.add(Activation("sigmoid"))  # [ok: keras-redundant-activation] the only activation after the last conv
    return d
