# Labels: constant kernel initializers where training can still break the symmetry.
# Source: PacktPublishing/Deep-Learning-with-TensorFlow-2-and-Keras, Chapter 1/mnist.py
# Commit: e23d2b4a4292386b70977473805acb2f93ef16ca
# License: MIT
# Written in our own words with the source's structure; no code copied.
import tensorflow as tf
from tensorflow import keras

(x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()
x_train = x_train.reshape(60000, 784) / 255.0
y_train = y_train.astype("float32")

softmax_regression = tf.keras.models.Sequential()
softmax_regression.add(keras.layers.Dense(10, input_shape=(784,), kernel_initializer="zeros",  # [ok: keras-constant-kernel-initializer] a single layer: each unit's gradient differs by its own target, so zeros are harmless
                                          activation="softmax"))
softmax_regression.compile(optimizer="SGD", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
softmax_regression.fit(x_train, y_train, batch_size=128, epochs=200)  # [ok: keras-label-encoding-mismatch] integer labels (as floats) with the sparse loss
