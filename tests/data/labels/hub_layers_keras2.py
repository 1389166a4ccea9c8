# Labels: TensorFlow Hub layers in Keras 2 models: through TF_USE_LEGACY_KERAS, and through tf_keras imported as keras.
# Source: ageron/handson-ml3, 16_nlp_with_rnns_and_attention.ipynb
# Commit: e3f3f9e66d58cfa1d068a498433063a1d3fba9ef
# License: Apache-2.0
# Written in our own words with the source's structure; no code copied.
import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"
import tensorflow as tf
import tensorflow_hub as hub
import tf_keras

reviews = tf.keras.Sequential([
    hub.KerasLayer("https://tfhub.dev/google/universal-sentence-encoder/4",  # [ok: keras-legacy-keras-layer] TF_USE_LEGACY_KERAS=1 makes tf.keras the Keras 2 package, which this layer belongs to
                   trainable=True, dtype=tf.string, input_shape=[]),
    tf.keras.layers.Dense(64, activation="relu"),
    tf.keras.layers.Dense(1, activation="sigmoid"),  # [ok: keras-loss-activation-mismatch] sigmoid with binary cross-entropy
])
reviews.compile(loss="binary_crossentropy", optimizer="nadam", metrics=["accuracy"])
reviews.fit(train_set, validation_data=valid_set, epochs=10)
