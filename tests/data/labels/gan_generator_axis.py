# Labels: a GAN generator that computes the BatchNormalization axis from the data format, then hard-codes axis=1 in its loop.
# Source: tdeboissiere/DeepLearningImplementations, GAN/src/model/models_GAN.py
# Commit: 5c4094880fc6992cca2d6e336463b2525026f6e2
# License: MIT
# Written in our own words with the source's structure; no code copied.
import keras.backend as K
from keras.layers import Activation, BatchNormalization, Conv2D, Dense, Input, Reshape, UpSampling2D
from keras.models import Model


def upsampling_generator(noise_dim, image_dim, name="generator_upsampling"):
    side = image_dim[1]
    width = 512
    start = side // 4
    if K.image_data_format() == "channels_first":
        axis = 1
        grid = (width, start, start)
        channels = image_dim[0]
    else:
        grid = (start, start, width)
        axis = -1
        channels = image_dim[-1]

    noise = Input(shape=noise_dim)
    h = Dense(width * start * start, input_dim=noise_dim)(noise)  # [ok: keras-bias-before-batchnorm] after Reshape the bias varies over positions, which a per-channel BatchNormalization does not remove
    h = Reshape(grid)(h)
    h = BatchNormalization(axis=axis)(h)  # [ok: keras-batchnorm-wrong-axis] the axis chosen for each data format
    h = Activation("relu")(h)
    for step in range(2):
        h = UpSampling2D(size=(2, 2))(h)
        filters = width // 2 ** (step + 1)
        h = Conv2D(filters, (3, 3), padding="same")(h)  # [keras-bias-before-batchnorm] under channels_first, which the code also supports, axis=1 is the channel axis and cancels the bias (the finding names that format; under the default channels_last it normalizes rows and the bias survives)
        h = BatchNormalization(axis=1)(h)  # [keras-batchnorm-wrong-axis] axis=1 is the rows under the default channels_last; the code computed the right axis above
        h = Activation("relu")(h)
        h = Conv2D(filters, (3, 3), padding="same")(h)
        h = Activation("relu")(h)
    h = Conv2D(channels, (3, 3), padding="same", activation="tanh")(h)
    return Model(inputs=[noise], outputs=[h], name=name)
