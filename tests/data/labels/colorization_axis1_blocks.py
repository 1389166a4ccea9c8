# Labels: colorization network blocks written for channels-first, with BatchNormalization(axis=1) and no data format set.
# Source: tdeboissiere/DeepLearningImplementations, Colorful/src/model/models_colorful.py
# Commit: 5c4094880fc6992cca2d6e336463b2525026f6e2
# License: MIT
# Written in our own words with the source's structure (flags, a loop whose last step strides); no code copied.
from keras.layers import Activation, Add, BatchNormalization, Conv2D, Input
from keras.models import Model
from keras.regularizers import l2


def residual(x, filters, index, bn=True, decay=0):
    r = Conv2D(filters, (3, 3), padding="same", kernel_regularizer=l2(decay))(x)  # [ok: keras-bias-before-batchnorm] the BatchNormalization below normalizes rows, which leaves a per-channel bias in place
    if bn:
        r = BatchNormalization(axis=1)(r)  # [keras-batchnorm-wrong-axis] axis 1 is the rows of a channels_last map (the default; the project never sets channels_first)
    r = Activation("relu")(r)
    r = Conv2D(filters, (3, 3), padding="same", kernel_regularizer=l2(decay))(r)
    if bn:
        r = BatchNormalization(axis=1)(r)  # [keras-batchnorm-wrong-axis] same
    r = Activation("relu")(r)
    return Add()([x, r])


def conv_stage(x, filters, repeats, stride):
    for i in range(repeats):
        if i < repeats - 1:
            x = Conv2D(filters, (3, 3), padding="same")(x)
            x = BatchNormalization(axis=1)(x)  # [keras-batchnorm-wrong-axis] same, in the loop's first steps
            x = Activation("relu")(x)
        else:
            x = Conv2D(filters, (3, 3), strides=stride, padding="same")(x)
            x = BatchNormalization(axis=1)(x)  # [keras-batchnorm-wrong-axis] same, in the loop's last step
            x = Activation("relu")(x)
    return x


gray = Input(shape=(64, 64, 1))
h = conv_stage(gray, 64, 2, 2)
h = residual(h, 64, 1)
colorizer = Model(gray, h)
