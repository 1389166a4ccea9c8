"""keras-redundant-activation with keras-report-idempotent-activations=yes (set in the
shared keraslint.rc): a ReLU or ReLU6 applied twice is reported too."""
import keras
from keras import layers

model = keras.Sequential([
    keras.Input(shape=(20,)),
    layers.Dense(64, activation="relu"),
    layers.ReLU(),  # [keras-redundant-activation]
    layers.Dense(8, activation="relu6"),
    layers.Activation("relu6"),  # [keras-redundant-activation]
    layers.Dense(10, activation="softmax"),
    layers.Activation("softmax"),  # [keras-redundant-activation]
])
