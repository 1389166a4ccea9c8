# Labels: a regression network whose every Dense starts from a zero kernel (a book's "broken" demo).
# Source: PacktPublishing/Deep-Learning-Quick-Reference, Chapter03/keras_regression_deep_broken.py
# Commit: fb7913e8f818a2d968455184eab11a4ea0fb7223
# License: MIT
# Written in our own words with the source's structure; no code copied.
from keras.initializers import Constant
from keras.layers import Dense, Input
from keras.models import Model


def regressor(n_features):
    zero = Constant(value=0)
    features = Input(shape=(n_features,))
    h = Dense(32, activation="relu", kernel_initializer=zero, bias_initializer="ones")(features)  # [keras-constant-kernel-initializer] the next Dense starts constant too: the 32 units stay identical
    h = Dense(32, activation="relu", kernel_initializer=zero, bias_initializer="ones")(h)  # [keras-constant-kernel-initializer] same, followed by another constant Dense
    h = Dense(16, activation="relu", kernel_initializer=zero, bias_initializer="ones")(h)  # [keras-constant-kernel-initializer] followed by the constant output layer
    value = Dense(1, kernel_initializer=zero, bias_initializer="ones")(h)  # [ok: keras-constant-kernel-initializer] one unit: nothing to keep apart
    model = Model(features, value)
    model.compile(optimizer="adam", loss="mean_absolute_error")
    return model


model = regressor(10)
