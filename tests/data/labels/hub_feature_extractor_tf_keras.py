# Labels: a TensorFlow Hub feature extractor put into a tf.keras Sequential model, as the course wrote it for TF 2.x.
# Source: tensorflow/examples, courses/udacity_intro_to_tensorflow_for_deep_learning/l06c01_tensorflow_hub_and_transfer_learning.ipynb
# Commit: 608f7db8c511e3dcc420afc564496e4516ceb800
# License: Apache-2.0
# Written in our own words with the source's structure; no code copied.
import tensorflow as tf
import tensorflow_hub as hub
from tensorflow.keras import layers

HANDLE = "https://tfhub.dev/google/tf2-preview/mobilenet_v2/feature_vector/2"
extractor = hub.KerasLayer(HANDLE, input_shape=(224, 224, 3))
extractor.trainable = False  # [ok: keras-trainable-after-compile] set before the model is compiled
flowers = tf.keras.Sequential([  # [ok: keras-legacy-keras-layer] tf.keras with TF-Hub, as documented for TF 2.x (tf.keras = Keras 2 up to 2.15); nothing in the module says Keras 3 runs, so flagging it would guess the TensorFlow version
    extractor,
    layers.Dense(5),  # [ok: keras-probabilities-loss-on-logits] the loss takes logits
])
flowers.compile(optimizer="adam", loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True), metrics=["accuracy"])
flowers.fit(train_batches, epochs=6, validation_data=validation_batches)
