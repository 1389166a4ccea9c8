# Labels: a multi-branch CNN on raw 0-255 photographs that normalizes its input with a BatchNormalization "zen layer".
# Source: PacktPublishing/Keras-Deep-Learning-Cookbook, Chapter05/cnn_cervical.py
# Commit: 061e0c3911918f399c1a4221a75be4083321b37d
# License: MIT
# Written in our own words with the source's structure (parallel branches joined by concatenate, loops over shapes); no code copied.
from keras.layers import BatchNormalization, Conv2D, Dense, Dropout, Flatten, Input, MaxPooling2D, concatenate
from keras.models import Model


def branchy_cnn(first_kernels=((4, 4), (3, 3), (5, 5)), kernels=((3, 3), (5, 5)), depths=(12, 12, 11, 8, 8),
                widths=(100, 50, 3), shape=(256, 256, 3)):
    photos = Input(shape=shape)
    normalized = BatchNormalization()(photos)  # [keras-batchnorm-on-raw-input] raw 0-255 pixels normalized by moving statistics learnt in training
    h = concatenate([Conv2D(depths[0], k, padding="same", activation="elu")(normalized) for k in first_kernels], axis=-1)
    h = BatchNormalization()(h)  # [ok: keras-batchnorm-on-raw-input] normalizes conv features; [ok: keras-bias-before-batchnorm] ELU sits between the biases and the BatchNormalization
    h = MaxPooling2D((2, 2), strides=(2, 2), padding="same")(h)
    h = Dropout(0.05)(h)
    for i in range(1, len(depths)):
        h = concatenate([Conv2D(depths[i], k, padding="same", activation="elu")(h) for k in kernels], axis=-1)
        h = BatchNormalization()(h)
        h = Dropout(i * 1e-2 + 0.05)(h)  # [ok: keras-dropout-before-batchnorm] MaxPooling and ELU convolutions come before the next BatchNormalization
        h = MaxPooling2D((2, 2), strides=(2, 2), padding="same")(h)
    f = Dropout(0.1)(Flatten()(h))
    for width in widths[:-1]:
        f = Dense(width, activation="elu")(f)  # [ok: keras-bias-before-batchnorm] ELU before the BatchNormalization
        f = BatchNormalization()(f)
    scores = Dense(widths[-1], activation="softmax")(f)
    return Model(photos, scores)
