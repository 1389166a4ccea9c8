"""keras-constant-kernel-initializer: constant kernels that training cannot undo."""
# pylint: disable=invalid-name
import tensorflow as tf
import keras
from keras import initializers, layers
from keras.layers import Conv2D, Dense

# A zero kernel under ReLU, every spelling of the initializer.
dead = keras.Sequential([
    keras.Input(shape=(20,)),
    layers.Dense(64, activation="relu", kernel_initializer="zeros"),  # [keras-constant-kernel-initializer]
    layers.Dense(32, activation="relu", kernel_initializer=initializers.Zeros()),  # [keras-constant-kernel-initializer]
    layers.Dense(16, activation="relu", kernel_initializer=tf.zeros_initializer()),  # [keras-constant-kernel-initializer]
    layers.Dense(1, activation="sigmoid"),
])

# Constant kernels feeding constant kernels: the units stay identical (functional).
inputs = keras.Input(shape=(8, 8, 3))
x = Conv2D(16, 3, activation="tanh", kernel_initializer="ones")(inputs)  # [keras-constant-kernel-initializer]
x = layers.BatchNormalization()(x)
x = Conv2D(16, 3, activation="tanh", kernel_initializer=initializers.Constant(0.1))(x)  # [keras-constant-kernel-initializer]
x = layers.Flatten()(x)
x = Dense(10, kernel_initializer=tf.constant_initializer(0.5))(x)
model = keras.Model(inputs, x)

# Keras 1 spelling: init="zero".
legacy = keras.Sequential()
legacy.add(Dense(32, input_shape=(4,), init="zero", activation="relu"))  # [keras-constant-kernel-initializer]
legacy.add(Dense(2, activation="softmax"))

# Clean: a zero output layer (logistic regression) trains.
logistic = keras.Sequential([keras.Input(shape=(20,)), layers.Dense(10, activation="softmax", kernel_initializer="zeros")])

# Clean: a constant kernel before a random one: the next layer's weights separate the units.
mixed = keras.Sequential([
    keras.Input(shape=(20,)),
    layers.Dense(64, activation="tanh", kernel_initializer="ones"),
    layers.Dense(10, activation="softmax"),
])

# Clean: Dropout between them breaks the symmetry; frozen layers do not train; a random bias.
dropped = keras.Sequential([
    keras.Input(shape=(20,)),
    layers.Dense(64, activation="tanh", kernel_initializer="ones"),
    layers.Dropout(0.5),
    layers.Dense(10, kernel_initializer="zeros"),
])
frozen = layers.Dense(64, activation="relu", kernel_initializer="zeros", trainable=False)
biased = layers.Dense(64, activation="relu", kernel_initializer="zeros", bias_initializer="random_normal")
lifted = layers.Dense(64, activation="relu", kernel_initializer="zeros", bias_initializer="ones")
