"""Reduced from two shapes seen in public application code. A one-channel spectrogram
normalized along its frequency axis on purpose (the channel axis holds one statistic
only), and a two-unit softmax trained with binary cross-entropy on one-hot labels,
which equals the categorical loss over (p, 1 - p). Neither is a wrong axis or a
loss mismatch (the input normalization is still on raw input).
Marked lines (pylint functional-test markers) must be flagged."""
import keras
from keras import layers

spectrogram = keras.Input(shape=(96, 1366, 1))
x = layers.BatchNormalization(axis=2)(spectrogram)  # [keras-batchnorm-on-raw-input]
x = layers.Conv2D(32, 3, padding="same", activation="relu")(x)
x = layers.GlobalAveragePooling2D()(x)
tagger = keras.Model(spectrogram, layers.Dense(50, activation="sigmoid")(x))
tagger.compile(optimizer="adam", loss="binary_crossentropy")

images = keras.Input(shape=(32, 32, 3))
y = layers.Conv2D(16, 3, activation="relu")(images)
y = layers.BatchNormalization(axis=1)(y)  # [keras-batchnorm-wrong-axis]
y = layers.GlobalAveragePooling2D()(y)
critic = keras.Model(images, layers.Dense(2, activation="softmax")(y))
critic.compile(optimizer="adam", loss="binary_crossentropy")

three_way = keras.Sequential([keras.Input(shape=(8,)), layers.Dense(3, activation="softmax")])  # [keras-loss-activation-mismatch]
three_way.compile(optimizer="adam", loss="binary_crossentropy")


def spectrogram_front(melgram):
    # The helper's input is unknown here: padded, it may still have a single channel, so
    # the axis chosen for it is not called wrong.
    x = layers.ZeroPadding2D(padding=(0, 37))(melgram)
    return layers.BatchNormalization(axis=2)(x)


def conv_front(images):
    # A convolution defines the channels, whatever its input.
    x = layers.Conv2D(16, 3, padding="same", activation="relu")(images)
    return layers.BatchNormalization(axis=1)(x)  # [keras-batchnorm-wrong-axis]
