"""keras-trainable-after-compile: never rewritten; --diff suggests a compile()."""
import keras
from keras import layers

model = keras.Sequential([keras.Input((8,)), layers.Dense(4), layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(1, 2)
model.layers[0].trainable = False  # [not fixed: keras-trainable-after-compile]
model.fit(1, 2)
