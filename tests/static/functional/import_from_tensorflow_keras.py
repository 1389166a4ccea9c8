"""Spelling: from tensorflow import keras."""
from tensorflow import keras

model = keras.Sequential([
    keras.layers.Dense(64, input_shape=(20,)),  # [keras-bias-before-batchnorm]
    keras.layers.BatchNormalization(),
    keras.layers.Activation("relu"),
    keras.layers.Dense(10, activation="softmax"),  # [keras-softmax-with-from-logits]
])
model.compile(loss=keras.losses.CategoricalCrossentropy(from_logits=True))
