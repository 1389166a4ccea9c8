# Labels: DenseNet conv and transition blocks (BN-ReLU-Conv, use_bias=False, axis from the data format, optional Dropout).
# Source: titu1994/DenseNet, densenet.py
# Commit: 60b18584caf697fc0f78257c08509a0f020098ff
# License: MIT
# Written in our own words with the source's structure (helpers, dense block loop, concatenation); no code copied.
from keras import backend as K
from keras.layers import Activation, AveragePooling2D, BatchNormalization, Conv2D, Dense, Dropout, Input
from keras.layers import GlobalAveragePooling2D, concatenate
from keras.models import Model
from keras.regularizers import l2


def unit(tensor, width, squeeze=False, drop=None):
    axis = 1 if K.image_data_format() == "channels_first" else -1
    out = BatchNormalization(axis=axis, epsilon=1.1e-5)(tensor)  # [ok: keras-batchnorm-wrong-axis] the channel axis on both data formats
    out = Activation("relu")(out)
    if squeeze:
        out = Conv2D(width * 4, (1, 1), padding="same", use_bias=False, kernel_initializer="he_normal")(out)  # [ok: keras-bias-before-batchnorm] use_bias=False
        out = BatchNormalization(axis=axis, epsilon=1.1e-5)(out)
        out = Activation("relu")(out)
    out = Conv2D(width, (3, 3), padding="same", use_bias=False, kernel_initializer="he_normal")(out)  # [ok: keras-bias-before-batchnorm] use_bias=False
    if drop:
        out = Dropout(drop)(out)  # [keras-dropout-before-batchnorm] the dropped features are concatenated and normalized by the next unit's BatchNormalization
    return out


def block(tensor, depth, width, growth, drop=None):
    axis = 1 if K.image_data_format() == "channels_first" else -1
    for _ in range(depth):
        new = unit(tensor, growth, True, drop)
        tensor = concatenate([tensor, new], axis=axis)
        width += growth
    return tensor, width


def shrink(tensor, width, ratio=0.5):
    axis = 1 if K.image_data_format() == "channels_first" else -1
    out = BatchNormalization(axis=axis, epsilon=1.1e-5)(tensor)
    out = Activation("relu")(out)
    out = Conv2D(int(width * ratio), (1, 1), padding="same", use_bias=False, kernel_regularizer=l2(1e-4))(out)  # [ok: keras-bias-before-batchnorm] use_bias=False
    return AveragePooling2D((2, 2), strides=(2, 2))(out)


image = Input(shape=(32, 32, 3))
h = Conv2D(24, (3, 3), padding="same", use_bias=False)(image)  # [ok: keras-bias-before-batchnorm] use_bias=False
h, w = block(h, 6, 24, 12, drop=0.2)
h = shrink(h, w)
h, w = block(h, 6, w // 2, 12, drop=0.2)
h = BatchNormalization(epsilon=1.1e-5)(h)
h = Activation("relu")(h)
h = GlobalAveragePooling2D()(h)
densenet = Model(image, Dense(10, activation="softmax")(h))  # [ok: keras-dense-on-unflattened] after global pooling
densenet.compile(loss="categorical_crossentropy", optimizer="adam")
