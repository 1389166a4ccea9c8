# Source: keras-team/keras, examples/demo_subclass.py (Apache-2.0).
# The model definition re-expressed for keraslint's static-shape differential test: the
# same layers, hyperparameters and build style; data loading and training left out.
# A subclassed model built by a call on data: its input shape is not stated in the code the engine follows.
import keras
from keras import layers


class MyModel(keras.Model):
    def __init__(self, hidden_dim, output_dim):
        super().__init__()
        self.dense1 = layers.Dense(hidden_dim, activation="relu")
        self.dense2 = layers.Dense(hidden_dim, activation="relu")
        self.dense3 = layers.Dense(output_dim)

    def call(self, x):
        x = self.dense1(x)
        x = self.dense2(x)
        return self.dense3(x)


def build():
    model = MyModel(hidden_dim=256, output_dim=16)
    model(keras.ops.zeros((1, 128)))
    return model
