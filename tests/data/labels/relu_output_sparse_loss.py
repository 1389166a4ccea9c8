# Labels: a course exercise whose last layer is a relu Dense trained with a sparse cross-entropy.
# Source: https-deeplearning-ai/tensorflow-1-public, C1/W2/ungraded_labs/C1_W2_Lab_1_beyond_hello_world.ipynb
# Commit: 025abb3e6bd63c63b65d6133286e2d033c9c7da4
# License: Apache-2.0
# Written in our own words with the source's structure; no code copied.
import tensorflow as tf

(images, labels), _ = tf.keras.datasets.fashion_mnist.load_data()
images = images / 255.0
explorer = tf.keras.models.Sequential([
    tf.keras.Input(shape=(28, 28)),
    tf.keras.layers.Flatten(),
    tf.keras.layers.Dense(256, activation=tf.nn.relu),  # [keras-loss-activation-mismatch] relu output trained with a sparse cross-entropy over 10 classes
])
explorer.compile(optimizer="adam", loss="sparse_categorical_crossentropy")  # [ok: keras-label-encoding-mismatch] integer dataset labels with the sparse loss
explorer.fit(images, labels, epochs=5)

