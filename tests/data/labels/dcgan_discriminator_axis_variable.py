# Labels: a DCGAN discriminator whose BatchNormalization axis is chosen by an `if` on the image data format.
# Source: tdeboissiere/DeepLearningImplementations, GAN/src/model/models_GAN.py
# Commit: 5c4094880fc6992cca2d6e336463b2525026f6e2
# License: MIT
# Written in our own words with the source's structure; no code copied.
import keras.backend as K
from keras.layers import BatchNormalization, Conv2D, Dense, Flatten, Input, LeakyReLU
from keras.models import Model


def critic(image_dim, name="DCGAN_discriminator"):
    if K.image_data_format() == "channels_first":
        axis = 1
    else:
        axis = -1
    widths = [64, 128, 256]
    image = Input(shape=image_dim)
    h = Conv2D(32, (3, 3), strides=(2, 2), padding="same")(image)  # [keras-bias-before-batchnorm] the BatchNormalization on the channel axis (either data format) cancels it
    h = BatchNormalization(axis=axis)(h)  # [ok: keras-batchnorm-wrong-axis] the channel axis on both paths; [ok: keras-batchnorm-on-raw-input] after the first conv
    h = LeakyReLU(0.2)(h)
    for width in widths:
        h = Conv2D(width, (3, 3), strides=(2, 2), padding="same")(h)  # [keras-bias-before-batchnorm] same, in every iteration
        h = BatchNormalization(axis=axis)(h)
        h = LeakyReLU(0.2)(h)
    h = Flatten()(h)
    scores = Dense(2, activation="softmax")(h)  # [ok: keras-loss-activation-mismatch] softmax over two classes with categorical cross-entropy
    judge = Model(inputs=[image], outputs=[scores], name=name)
    judge.compile(loss="categorical_crossentropy", optimizer="adam")
    return judge
