"""keras-stacked-linear-layers: flagged and clean cases."""
import keras
from keras import layers

model = keras.Sequential([
    keras.Input(shape=(64,)),
    layers.Dense(128),  # [keras-stacked-linear-layers]
    layers.Dense(64, activation="relu"),
    layers.Dense(64),  # [keras-stacked-linear-layers]
    layers.Dropout(0.2),
    layers.Dense(10, activation="softmax"),
    # Clean: an activation layer in between.
    layers.Dense(32),
    layers.ReLU(),
    layers.Dense(10, activation="softmax"),
])

# Clean: Dense after a BatchNormalization+activation block.
inputs = keras.Input(shape=(64,))
x = layers.Dense(64, use_bias=False)(inputs)
x = layers.BatchNormalization()(x)
x = layers.Activation("relu")(x)
x = layers.Dense(10)(x)

# Two convolutions: one convolution with the summed kernel does the same.
pixels = keras.Input(shape=(28, 28, 8))
c = layers.Conv2D(16, 3)(pixels)  # [keras-stacked-linear-layers]
c = layers.Conv2D(16, 3, activation="relu")(c)

# Clean: the first output also takes a nonlinear path, so the pair cannot be merged.
h = layers.Dense(64)(inputs)
mixed = layers.Add()([layers.Dense(64)(h), layers.ReLU()(h)])

# Clean: a linear bottleneck narrower than both its ends (a low-rank factorization).
wide = keras.Input(shape=(256,))
narrow = layers.Dense(16)(wide)
restored = layers.Dense(256, activation="relu")(narrow)


# In a loop of unknown length, the pair exists in every iteration but the last.
def linear_stack(x, depth):
    for _ in range(depth):
        x = layers.Dense(32)(x)  # [keras-stacked-linear-layers]
    return layers.ReLU()(x)
