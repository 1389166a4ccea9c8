"""Build style: subclassed Model/Layer, layers set in __init__ and used in call() in any order."""
import keras
from keras import layers


class ConvBNBlock(keras.layers.Layer):
    def __init__(self, filters, **kwargs):
        super().__init__(**kwargs)
        self.bn = layers.BatchNormalization()
        self.conv = layers.Conv2D(filters, 3, padding="same")  # [keras-bias-before-batchnorm]
        self.act = layers.ReLU()

    def call(self, inputs, training=None):
        x = self.conv(inputs)
        x = self.bn(x, training=training)
        return self.act(x)


class Classifier(keras.Model):
    def __init__(self):
        super().__init__()
        self.drop = layers.Dropout(0.5)  # [keras-dropout-before-batchnorm]
        self.norm = layers.BatchNormalization()
        self.hidden = layers.Dense(64)  # [keras-stacked-linear-layers]
        self.out = layers.Dense(10, activation="softmax")

    def call(self, x):
        x = self.hidden(x)
        x = self.drop(x)
        x = self.norm(x)
        return self.out(x)


# Clean: built in build(), bias disabled.
class Clean(keras.layers.Layer):
    def build(self, input_shape):
        self.conv = layers.Conv2D(8, 3, use_bias=False)
        self.bn = layers.BatchNormalization()

    def call(self, inputs):
        return self.bn(self.conv(inputs))
