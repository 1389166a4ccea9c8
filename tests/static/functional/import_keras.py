"""Spelling: import keras; keras.layers.X and keras.Input."""
import keras

model = keras.Sequential([
    keras.Input(shape=(32, 32, 3)),
    keras.layers.Conv2D(32, 3),  # [keras-bias-before-batchnorm]
    keras.layers.BatchNormalization(),
    keras.layers.ReLU(),
    keras.layers.Flatten(),
    keras.layers.Dense(10),  # [keras-probabilities-loss-on-logits]
])
model.compile(loss=keras.losses.categorical_crossentropy)
