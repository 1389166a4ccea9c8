"""Code inside strings and comments is never analysed.

    model = keras.Sequential([layers.Conv2D(32, 3), layers.BatchNormalization()])
"""
import keras
from keras import layers

SNIPPET = "keras.Sequential([layers.Dense(64), layers.BatchNormalization()])"
# model = keras.Sequential([layers.Conv2D(32, 3), layers.BatchNormalization()])
model = keras.Sequential([
    keras.Input(shape=(8,)),
    # layers.Dense(64),
    layers.Dense(64, use_bias=False),
    layers.BatchNormalization(),
    layers.ReLU(),
])
exec("layers.Dense(3)")
