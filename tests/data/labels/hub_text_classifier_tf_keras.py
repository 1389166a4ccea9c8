# Labels: a text classifier on a TensorFlow Hub embedding, built with tf_keras imported as keras.
# Source: tensorflow/docs, site/en/tutorials/keras/text_classification_with_hub.ipynb
# Commit: 7c3650212740204359d4ceae481abc79345541be
# License: Apache-2.0
# Written in our own words with the source's structure; no code copied.
import tensorflow as tf
import tensorflow_hub as hub
import tf_keras as keras

embed = hub.KerasLayer("https://tfhub.dev/google/nnlm-en-dim50/2", input_shape=[], dtype=tf.string, trainable=True)
sentiment = keras.Sequential()
sentiment.add(embed)  # [ok: keras-legacy-keras-layer] a Keras 2 layer in a Keras 2 (tf_keras) model
sentiment.add(keras.layers.Dense(16, activation="relu"))
sentiment.add(keras.layers.Dense(1))  # [ok: keras-probabilities-loss-on-logits] the loss takes logits
sentiment.compile(optimizer="adam", loss=keras.losses.BinaryCrossentropy(from_logits=True), metrics=["accuracy"])
sentiment.fit(train_data.shuffle(10000).batch(512), epochs=10, validation_data=validation_data.batch(512))
