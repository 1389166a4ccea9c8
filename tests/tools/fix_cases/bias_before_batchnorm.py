"""keras-bias-before-batchnorm: use_bias=False where every path ends in a BatchNormalization."""
import keras
from keras import layers

model = keras.Sequential(
    [
        keras.Input((16, 16, 3)),
        layers.Conv2D(8, 3, padding="same"),
        layers.BatchNormalization(),
        layers.Conv2D(
            8,
            3,  # a comment inside the call stays
            padding="same",
        ),
        layers.MaxPooling2D(),
        layers.BatchNormalization(),
        layers.Conv2D(  # no trailing comma
            8, 3
        ),
        layers.BatchNormalization(),
        layers.Flatten(),
        layers.Dense(16),
        layers.BatchNormalization(),
        layers.Dense(4),
        layers.BatchNormalization(),  # pylint: disable=keras-batchnorm-on-raw-input
    ]
)


def residual(use_bn: bool):
    inputs = keras.Input((8, 8, 4))
    x = layers.Conv2D(4, 3, padding="same")(inputs)  # [not fixed: keras-bias-before-batchnorm]
    if use_bn:
        x = layers.BatchNormalization()(x)
    x = layers.ReLU()(x)
    y = layers.Conv2D(4, 3, padding="same")(x)
    if use_bn:
        y = layers.BatchNormalization()(y)
    else:
        y = layers.BatchNormalization(momentum=0.9)(y)
    return keras.Model(inputs, layers.ReLU()(y))


inputs = keras.Input((8,))
kept = layers.Dense(8)(inputs)  # pylint: disable=keras-bias-before-batchnorm
kept = layers.BatchNormalization()(kept)
functional = keras.Model(inputs, kept)
