"""Loops as they run and every consumer of a layer's output: a residual added with
`+=`, a first layer that also feeds a nonlinear branch, a linear bottleneck narrower
than both its ends, a loop over a constant list whose body always runs, a
convolution whose last loop iteration needs its bias, and a
BatchNormalization-ReLU-convolution block on the input."""
import keras
from keras import layers

WIDTHS = [128, 64]


def residual_with_augmented_add(x):
    shortcut = layers.Conv2D(32, 1)(x)
    y = layers.Conv2D(32, 3, padding="same")(x)
    shortcut += y
    y = layers.BatchNormalization()(y)
    return layers.ReLU()(y) + shortcut


def linear_layer_with_a_nonlinear_branch(x):
    projected = layers.Dense(64)(x)
    gate = layers.Dense(64, activation="sigmoid")(projected)
    branch = layers.Activation("tanh")(projected)
    return layers.Multiply()([gate, branch])


def linear_bottleneck(x):
    x = layers.Conv2D(96, 1, activation="relu")(x)
    x = layers.DepthwiseConv2D(3, padding="same", activation="relu")(x)
    x = layers.Conv2D(16, 1)(x)
    return layers.Conv2D(96, 1, activation="relu")(x)


def constant_loop(x):
    x = layers.Dense(256)(x)  # [keras-stacked-linear-layers]
    for units in WIDTHS:
        x = layers.Dense(units, activation="relu")(x)
    return layers.Dense(10, activation="softmax")(x)


def decoder(x):
    for filters in (64, 32, 1):
        x = layers.Conv2DTranspose(filters, 3, strides=2, padding="same")(x)
        if filters > 1:
            x = layers.BatchNormalization()(x)
            x = layers.ReLU()(x)
        else:
            x = layers.Activation("sigmoid")(x)
    return x


def dense_block_on_input(images):
    x = layers.BatchNormalization()(images)
    x = layers.ReLU()(x)
    x = layers.Conv2D(24, 3, padding="same")(x)
    return x


pixels = keras.Input(shape=(32, 32, 3))
net = keras.Model(pixels, dense_block_on_input(pixels))
