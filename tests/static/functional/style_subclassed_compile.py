"""Build style: a subclassed Model compiled and trained like any other model."""
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers


class Net(keras.Model):
    def __init__(self):
        super().__init__()
        self.out = layers.Dense(10, activation="softmax")  # [keras-softmax-with-from-logits]
        self.d1 = layers.Dense(64, activation="relu")

    def call(self, x):
        return self.out(self.d1(x))


net = Net()
net.compile(loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))


class Logits(tf.keras.Model):
    def __init__(self, classes):
        super().__init__()
        self.head = tf.keras.layers.Dense(classes)  # [keras-probabilities-loss-on-logits]

    def call(self, inputs, training=False):
        return self.head(inputs)


Logits(3).compile(optimizer="adam", loss="sparse_categorical_crossentropy")
model = Logits(3)
model.compile(optimizer="adam", loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True))
