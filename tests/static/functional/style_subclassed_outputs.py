"""A subclassed model with several outputs, compiled with a loss per output."""
# pylint: disable=invalid-name
import keras
from keras import layers


class TwoHeads(keras.Model):
    def __init__(self):
        super().__init__()
        self.hidden = layers.Dense(16, activation="relu")
        self.kind = layers.Dense(5, activation="sigmoid")  # [keras-loss-activation-mismatch]
        self.score = layers.Dense(1)  # [keras-probabilities-loss-on-logits]

    def call(self, inputs):
        x = self.hidden(inputs)
        return self.kind(x), self.score(x)


model = TwoHeads()
model.compile(optimizer="adam", loss=["categorical_crossentropy", "binary_crossentropy"])
