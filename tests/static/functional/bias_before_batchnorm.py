"""keras-bias-before-batchnorm: flagged and clean cases."""
import keras
from keras import layers

model = keras.Sequential([
    keras.Input(shape=(32, 32, 3)),
    layers.Conv2D(32, 3, padding="same"),  # [keras-bias-before-batchnorm]
    layers.BatchNormalization(),
    layers.Activation("relu"),
    layers.Conv2D(32, 3, padding="same"),  # [keras-bias-before-batchnorm]
    layers.MaxPooling2D(),
    layers.BatchNormalization(),
    layers.ReLU(),
    # Clean: no bias.
    layers.Conv2D(32, 3, use_bias=False),  # [keras-stacked-linear-layers]
    layers.BatchNormalization(),
    # Clean: the activation comes before the BatchNormalization.
    layers.Conv2D(64, 3, activation="relu"),
    layers.BatchNormalization(),
    layers.Flatten(),
    layers.Dense(64),  # [keras-bias-before-batchnorm]
    layers.BatchNormalization(),
    layers.Activation("relu"),
    layers.Dense(10, activation="softmax"),
])

# Clean: the convolution output also feeds a residual branch, so its bias is not dead.
inputs = keras.Input(shape=(32, 32, 64))
y = layers.Conv2D(64, 3, padding="same")(inputs)
z = layers.BatchNormalization()(y)
z = layers.Activation("relu")(z)
out = layers.Add()([y, z])
residual = keras.Model(inputs, out)

# Clean: Dropout between the two changes the statistics (not a per-channel shift).
x = layers.Dense(32)(inputs)
x = layers.Dropout(0.5)(x)  # [keras-dropout-before-batchnorm]
x = layers.BatchNormalization()(x)


# The BatchNormalization that cancels the bias runs in the next iteration of the loop.
def tower(x, depth):
    x = layers.Conv2D(64, 3, padding="same", use_bias=False)(x)
    for _ in range(depth):
        x = layers.BatchNormalization()(x)
        x = layers.ReLU()(x)
        x = layers.Conv2D(64, 3, padding="same")(x)  # [keras-bias-before-batchnorm]
    return layers.BatchNormalization()(x)


# The helper receives use_bias=True from its caller: the fix belongs at that call.
def conv_bn(x, filters, use_bias):
    x = layers.Conv2D(filters, 3, padding="same", use_bias=use_bias)(x)  # [keras-bias-before-batchnorm]
    return layers.BatchNormalization()(x)


stem = conv_bn(inputs, 16, use_bias=True)
