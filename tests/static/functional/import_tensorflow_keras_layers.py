"""Spelling: from tensorflow.keras import layers, Model, Input."""
from tensorflow.keras import Input, Model, layers

inputs = Input(shape=(64, 64, 3))
x = layers.Conv2D(16, 3, padding="same")(inputs)  # [keras-bias-before-batchnorm]
x = layers.BatchNormalization()(x)
x = layers.Activation("relu")(x)
x = layers.GlobalAveragePooling2D()(x)
outputs = layers.Dense(3, activation="softmax")(x)  # [keras-loss-activation-mismatch]
model = Model(inputs, outputs)
model.compile(loss="binary_crossentropy")
