# Labels: a Keras 1 DenseNet (Convolution2D(n, 3, 3, bias=False), BatchNormalization(mode=0, axis=...), merge) with optional Dropout.
# Source: titu1994/DenseNet, densenet_fast.py
# Commit: 60b18584caf697fc0f78257c08509a0f020098ff
# License: MIT
# Written in our own words with the source's structure and its Keras 1 keyword spellings; no code copied.
import keras.backend as K
from keras.layers import Input, merge
from keras.layers.convolutional import Convolution2D
from keras.layers.core import Activation, Dense, Dropout
from keras.layers.normalization import BatchNormalization
from keras.layers.pooling import AveragePooling2D, GlobalAveragePooling2D
from keras.models import Model
from keras.regularizers import l2


def unit(x, filters, drop=None, decay=1e-4):
    y = Activation("relu")(x)
    y = Convolution2D(filters, 3, 3, init="he_uniform", border_mode="same", bias=False, W_regularizer=l2(decay))(y)  # [ok: keras-bias-before-batchnorm] Keras 1's bias=False
    if drop:
        y = Dropout(drop)(y)
    return y


def shrink(x, filters, drop=None, decay=1e-4):
    axis = 1 if K.image_dim_ordering() == "th" else -1
    y = Convolution2D(filters, 1, 1, init="he_uniform", border_mode="same", bias=False, W_regularizer=l2(decay))(x)  # [ok: keras-bias-before-batchnorm] Keras 1's bias=False
    if drop:
        y = Dropout(drop)(y)  # [keras-dropout-before-batchnorm] through AveragePooling2D into the BatchNormalization below (when drop is set)
    y = AveragePooling2D((2, 2), strides=(2, 2))(y)
    y = BatchNormalization(mode=0, axis=axis, gamma_regularizer=l2(decay), beta_regularizer=l2(decay))(y)  # [ok: keras-batchnorm-wrong-axis] axis follows the dimension ordering on both paths
    return y


def block(x, depth, filters, growth, drop=None):
    axis = 1 if K.image_dim_ordering() == "th" else -1
    features = [x]
    for _ in range(depth):
        x = unit(x, growth, drop)
        features.append(x)
        x = merge(features, mode="concat", concat_axis=axis)
        filters += growth
    return x, filters


def densenet(classes, shape, depth=40, growth=12, filters=16, drop=None):
    axis = 1 if K.image_dim_ordering() == "th" else -1
    image = Input(shape=shape)
    x = Convolution2D(filters, 3, 3, init="he_uniform", border_mode="same", bias=False)(image)  # [ok: keras-bias-before-batchnorm] Keras 1's bias=False
    x = BatchNormalization(mode=0, axis=axis)(x)  # [ok: keras-batchnorm-on-raw-input] after the first convolution
    for _ in range(2):
        x, filters = block(x, (depth - 4) // 3, filters, growth, drop)
        x = shrink(x, filters, drop)
    x, filters = block(x, (depth - 4) // 3, filters, growth, drop)
    x = Activation("relu")(x)
    x = GlobalAveragePooling2D()(x)
    x = Dense(classes, activation="softmax", W_regularizer=l2(1e-4))(x)
    return Model(input=image, output=x)
