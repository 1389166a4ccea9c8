"""keras-batchnorm-wrong-axis: the channel axis, where rank and data format are known."""
import keras
from keras import layers

model = keras.Sequential(
    [
        keras.Input((16, 16, 3)),
        layers.Conv2D(8, 3, use_bias=False),
        layers.BatchNormalization(axis=1),
        layers.ReLU(),
        layers.Conv2D(8, 3, use_bias=False),
        layers.BatchNormalization(1, momentum=0.9),
        layers.ReLU(),
    ]
)

first = keras.Sequential(
    [
        keras.Input((3, 16, 16)),
        layers.Conv2D(8, 3, use_bias=False, data_format="channels_first"),
        layers.BatchNormalization(),
        layers.ReLU(),
    ]
)


# After a Reshape the convolution says where the channels are.
projected = keras.Sequential(
    [
        keras.Input((16,)),
        layers.Dense(4 * 4 * 8, use_bias=False),
        layers.Reshape((4, 4, 8)),
        layers.BatchNormalization(axis=1),
        layers.Conv2D(8, 3, padding="same"),
    ]
)


def unknown_rank(inputs):
    x = layers.BatchNormalization(axis=1)(inputs)
    return x
