"""keras-legacy-keras-layer: TF-Hub with tf.keras, or in a module with no sign of Keras 3, is left alone."""
# pylint: disable=invalid-name
import keras
import tensorflow as tf
import tensorflow_hub as hub

# TensorFlow 2.15 and older: tf.keras is Keras 2 and hub.KerasLayer is one of its layers.
classic = tf.keras.Sequential([hub.KerasLayer("https://tfhub.dev/x/1"), tf.keras.layers.Dense(1)])
# Standalone keras 2.x was tf.keras: nothing in this module says Keras 3.
old_keras = keras.Sequential([hub.KerasLayer("https://tfhub.dev/x/1"), keras.layers.Dense(1)])
