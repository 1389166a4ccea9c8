"""Spelling: import keras.layers as kl; import keras.models as km."""
import keras.layers as kl
import keras.models as km

model = km.Sequential([
    kl.Input(shape=(32, 32, 3)),
    kl.Convolution2D(32, 3),  # [keras-bias-before-batchnorm]
    kl.BatchNormalization(),
    kl.Activation("relu"),
    kl.Dropout(0.5),  # [keras-dropout-before-batchnorm]
    kl.BatchNormalization(),
])
