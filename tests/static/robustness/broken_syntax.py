import keras
from keras import layers

model = keras.Sequential([
    layers.Conv2D(32, 3),
    layers.BatchNormalization(),
    def
