"""keras-dropout-before-batchnorm: flagged and clean cases."""
import keras
from keras import layers

model = keras.Sequential([
    keras.Input(shape=(32, 32, 3)),
    layers.Conv2D(32, 3, activation="relu"),
    layers.Dropout(0.3),  # [keras-dropout-before-batchnorm]
    layers.BatchNormalization(),
    layers.Conv2D(32, 3, activation="relu"),
    layers.SpatialDropout2D(0.2),  # [keras-dropout-before-batchnorm]
    layers.MaxPooling2D(),
    layers.BatchNormalization(),
    # Clean: Dropout after the BatchNormalization.
    layers.Conv2D(64, 3, activation="relu"),
    layers.BatchNormalization(),
    layers.Dropout(0.3),
    layers.Flatten(),
    layers.Dense(10, activation="softmax"),
])
