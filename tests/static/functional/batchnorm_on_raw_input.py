"""keras-batchnorm-on-raw-input: flagged and clean cases."""
import keras
from keras import layers

model = keras.Sequential([
    layers.BatchNormalization(input_shape=(20,)),  # [keras-batchnorm-on-raw-input]
    layers.Dense(64, activation="relu"),
    layers.Dense(1),
])

inputs = keras.Input(shape=(28, 28, 1))
x = layers.BatchNormalization()(inputs)  # [keras-batchnorm-on-raw-input]
x = layers.Conv2D(8, 3, activation="relu")(x)

# Clean: Normalization adapted to the data, then BatchNormalization on features.
norm = layers.Normalization()
y = norm(inputs)
y = layers.Conv2D(8, 3, activation="relu")(y)
y = layers.BatchNormalization()(y)

# Clean: a BatchNormalization-ReLU-convolution block (DenseNet order) opens the model;
# the normalization belongs to the block, fed with scaled data.
scaled = keras.Input(shape=(32, 32, 3))
z = layers.BatchNormalization()(scaled)
z = layers.ReLU()(z)
z = layers.Conv2D(12, 3, padding="same")(z)

# Through layers that only reshape the input.
flattened = keras.Sequential([
    layers.Flatten(input_shape=(28, 28)),
    layers.BatchNormalization(),  # [keras-batchnorm-on-raw-input]
    layers.Dense(10, activation="softmax"),
])
