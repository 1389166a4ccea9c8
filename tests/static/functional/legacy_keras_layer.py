"""keras-legacy-keras-layer: Keras 2 objects inside Keras 3 models."""
# pylint: disable=invalid-name
import keras
import tensorflow as tf
import tensorflow_hub as hub
import tf_keras
from tf_keras import layers as legacy_layers

keras.utils.set_random_seed(0)
keras.config.set_floatx("float32")  # this module runs Keras 3

# TF-Hub layer in a keras model (list and add).
embed = hub.KerasLayer("https://tfhub.dev/google/nnlm-en-dim50/2", trainable=True)  # [keras-legacy-keras-layer]
listed = keras.Sequential([embed, keras.layers.Dense(1, activation="sigmoid")])
added = keras.Sequential()
added.add(hub.KerasLayer("https://tfhub.dev/google/imagenet/mobilenet_v2_100_224/feature_vector/5"))  # [keras-legacy-keras-layer]

# tf_keras layers and models in keras and tf.keras models.
inputs = keras.Input(shape=(4,))
x = legacy_layers.Dense(8)(inputs)  # [keras-legacy-keras-layer]
functional = keras.Model(inputs, x)
base = tf_keras.applications.MobileNetV2(weights=None)  # [keras-legacy-keras-layer]
stacked = tf.keras.Sequential([base, tf.keras.layers.Dense(1)])

# Clean: the whole model in tf_keras, with its hub layer; a keras model of keras layers.
legacy = tf_keras.Sequential([hub.KerasLayer("https://tfhub.dev/x/1"), tf_keras.layers.Dense(1)])
modern = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(1)])
