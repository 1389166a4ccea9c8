"""keras-frozen-base-training-mode: training=False in the base's call."""
import keras
from keras import layers

base = keras.Sequential(
    [keras.Input((8, 8, 3)), layers.Conv2D(4, 3, use_bias=False), layers.BatchNormalization(), layers.ReLU()]
)
base.trainable = False

inputs = keras.Input((8, 8, 3))
x = base(inputs, training=False)
x = layers.GlobalAveragePooling2D()(x)
model = keras.Model(inputs, layers.Dense(1)(x))

other = keras.Input((8, 8, 3))
y = base(other, training=True)  # explicit: not a finding
explicit = keras.Model(other, y)
model.compile(optimizer="adam", loss="mse")
explicit.compile(optimizer="adam", loss="mse")
