"""Build style: same-module helper functions such as conv_block(x, filters)."""
import keras
from keras import layers


def conv_block(x, filters, use_bias=True):
    x = layers.Conv2D(filters, 3, padding="same", use_bias=use_bias)(x)  # [keras-bias-before-batchnorm]
    x = layers.BatchNormalization()(x)
    return layers.Activation("relu")(x)


def head(x, classes):
    x = layers.GlobalAveragePooling2D()(x)
    return layers.Dense(classes, activation="softmax")(x)  # [keras-softmax-with-from-logits]


inputs = keras.Input(shape=(64, 64, 3))
x = conv_block(inputs, 32)
x = conv_block(x, 64, use_bias=False)
outputs = head(x, 10)
model = keras.Model(inputs, outputs)
model.compile(loss=keras.losses.CategoricalCrossentropy(from_logits=True))
