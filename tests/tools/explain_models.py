"""Small real Keras models for the ``keraslint explain`` tests. ``keraslint explain
tests/tools/explain_models.py:seed_cnn`` loads them the way a user's build script is loaded."""

import keras
from keras import layers


def seed_cnn():
    """The 13-class CNN on 128x128x3 images whose "Non-trainable params: 454" started keraslint."""
    return keras.Sequential(
        [
            keras.Input((128, 128, 3)),
            layers.BatchNormalization(),
            layers.Conv2D(32, 3, padding="same", activation="relu"),
            layers.MaxPooling2D(),
            layers.BatchNormalization(),
            layers.Conv2D(64, 3, padding="same", activation="relu"),
            layers.MaxPooling2D(),
            layers.BatchNormalization(),
            layers.Conv2D(128, 3, padding="same", activation="relu"),
            layers.MaxPooling2D(),
            layers.BatchNormalization(),
            layers.Conv2D(64, 3, padding="same", activation="relu"),
            layers.GlobalAveragePooling2D(),
            layers.Dense(13, activation="softmax"),
        ],
        name="seed_cnn",
    )


def wrong_axis_cnn():
    """The course-forum typo: BatchNormalization(axis=-3) after a (64, 64, 32) feature map."""
    return keras.Sequential(
        [
            keras.Input((64, 64, 3)),
            layers.Conv2D(32, 3, padding="same", activation="relu"),
            layers.BatchNormalization(axis=-3),
            layers.GlobalAveragePooling2D(),
            layers.Dense(2),
        ],
        name="wrong_axis_cnn",
    )


def bias_before_batchnorm():
    """Two convolutions whose biases a BatchNormalization cancels (one through pooling),
    and one whose ReLU keeps its bias useful."""
    inputs = keras.Input((16, 16, 3))
    x = layers.Conv2D(8, 3, name="conv_direct")(inputs)
    x = layers.BatchNormalization()(x)
    x = layers.Conv2D(16, 3, name="conv_pooled")(x)
    x = layers.MaxPooling2D()(x)
    x = layers.BatchNormalization()(x)
    x = layers.Conv2D(4, 3, activation="relu", name="conv_relu")(x)
    x = layers.BatchNormalization()(x)
    outputs = layers.Dense(2, name="head")(layers.Flatten()(x))
    return keras.Model(inputs, outputs, name="bias_before_batchnorm")


def flatten_dense():
    """A Dense after Flatten (and Dropout) holding most of the model."""
    return keras.Sequential(
        [
            keras.Input((32, 32, 3)),
            layers.Conv2D(16, 3, activation="relu"),
            layers.Flatten(),
            layers.Dropout(0.5),
            layers.Dense(64, activation="relu"),
            layers.Dense(10),
        ],
        name="flatten_dense",
    )


def frozen_transfer():
    """A frozen keras.applications base (random weights: nothing to download) in a new model."""
    base = keras.applications.MobileNet(input_shape=(32, 32, 3), alpha=0.25, weights=None, include_top=False)
    base.trainable = False
    inputs = keras.Input((32, 32, 3))
    x = layers.GlobalAveragePooling2D()(base(inputs, training=False))
    return keras.Model(inputs, layers.Dense(5)(x), name="transfer")


def not_a_model():
    """A build function that forgot to return the model."""
    return 42


def raises():
    """A build function that fails."""
    raise RuntimeError("out of coffee")
