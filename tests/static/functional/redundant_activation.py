"""keras-redundant-activation: flagged and clean cases."""
import keras
from keras import layers

model = keras.Sequential([
    keras.Input(shape=(20,)),
    layers.Dense(64, activation="sigmoid"),
    layers.Activation("sigmoid"),  # [keras-redundant-activation]
    layers.Dense(10, activation="softmax"),
    layers.Activation("softmax"),  # [keras-redundant-activation]
])

# Clean by default: a second ReLU changes no value (reported with
# keras-report-idempotent-activations=yes, see redundant_activation_idempotent.py).
doubled_relu = keras.Sequential([
    keras.Input(shape=(20,)),
    layers.Dense(64, activation="relu"),
    layers.ReLU(),
    layers.Dense(8, activation="relu6"),
    layers.Activation("relu6"),
])

# Clean: different activations, or an activation after a linear layer.
clean = keras.Sequential([
    keras.Input(shape=(20,)),
    layers.Dense(64),
    layers.ReLU(),
    layers.Dense(64, activation="tanh"),
    layers.Activation("relu"),
])


# Clean: the ReLU repeats the convolution's only in the first iteration; later ones
# follow a linear convolution, so neither activation can go.
def stages(x):
    x = layers.Conv2D(16, 3, activation="relu")(x)
    for filters in (32, 64):
        x = layers.ReLU()(x)
        x = layers.Conv2D(filters, 3)(x)
    return x
