# Labels: SRGAN generator residual blocks (conv, ReLU, BN, conv, BN, add) and a patch-wise discriminator with Dense on feature maps.
# Source: PacktPublishing/Generative-Adversarial-Networks-Projects, Chapter05/run.py
# Commit: 317e7682acfeb5563f70c020a09b1b2e4c6595bb
# License: MIT
# Written in our own words with the source's structure; no code copied.
import numpy as np
from keras.layers import Activation, Add, BatchNormalization, Conv2D, Dense, Input, LeakyReLU, UpSampling2D
from keras.models import Model


def res_unit(x):
    h = Conv2D(64, kernel_size=3, strides=1, padding="same")(x)  # [ok: keras-bias-before-batchnorm] a ReLU sits between this conv and the BatchNormalization
    h = Activation("relu")(h)
    h = BatchNormalization(momentum=0.8)(h)
    h = Conv2D(64, kernel_size=3, strides=1, padding="same")(h)  # [keras-bias-before-batchnorm] straight into BatchNormalization, before the residual Add
    h = BatchNormalization(momentum=0.8)(h)
    return Add()([h, x])


def upscaler():
    small = Input(shape=(64, 64, 3))
    head = Conv2D(64, kernel_size=9, strides=1, padding="same", activation="relu")(small)
    h = res_unit(head)
    for _ in range(15):
        h = res_unit(h)
    tail = Conv2D(64, kernel_size=3, strides=1, padding="same")(h)  # [keras-bias-before-batchnorm] straight into BatchNormalization
    tail = BatchNormalization(momentum=0.8)(tail)
    h = Add()([tail, head])
    h = Activation("relu")(Conv2D(256, kernel_size=3, padding="same")(UpSampling2D(size=2)(h)))
    h = Activation("relu")(Conv2D(256, kernel_size=3, padding="same")(UpSampling2D(size=2)(h)))
    return Model(small, Conv2D(3, kernel_size=9, padding="same", activation="tanh")(h))


def patch_judge():
    big = Input(shape=(256, 256, 3))
    h = LeakyReLU(alpha=0.2)(Conv2D(64, kernel_size=3, strides=1, padding="same")(big))
    h = Conv2D(512, kernel_size=3, strides=2, padding="same")(h)
    h = LeakyReLU(alpha=0.2)(h)
    h = BatchNormalization(momentum=0.8)(h)  # [ok: keras-bias-before-batchnorm] LeakyReLU sits between the conv and this BatchNormalization
    h = Dense(1024)(h)  # [ok: keras-dense-on-unflattened] patch-wise on purpose: trained against labels of shape (batch, 16, 16, 1)
    h = LeakyReLU(alpha=0.2)(h)
    return Model(big, Dense(1, activation="sigmoid")(h))


judge = patch_judge()
judge.compile(loss="mse", optimizer="adam")
for high_res in batches():
    judge.train_on_batch(high_res, np.ones((8, 16, 16, 1)))
