# Labels: an ensemble member MLP with a one-unit linear layer between its hidden layer and the softmax.
# Source: jeffheaton/t81_558_deep_learning, t81_558_class_08_2_keras_ensembles.ipynb
# Commit: e674d07b85289b0cfb4cc57ff213228fd2ae4dc4
# License: Apache-2.0
# Written in our own words with the source's structure; no code copied.
from tensorflow.keras.layers import Dense
from tensorflow.keras.models import Sequential


def member(inputs, classes, units):
    net = Sequential()
    net.add(Dense(units, input_dim=inputs, activation="relu"))
    net.add(Dense(1))  # [keras-stacked-linear-layers] a linear one-unit layer straight into the softmax Dense: the classifier sees a rank-1 projection
    net.add(Dense(classes, activation="softmax"))  # [ok: keras-loss-activation-mismatch] softmax with categorical cross-entropy
    net.compile(loss="categorical_crossentropy", optimizer="adam")
    return net
