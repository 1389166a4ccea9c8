# Labels: Fashion-MNIST classifier with a logit output, a from_logits loss and a Softmax wrapper for prediction.
# Source: tensorflow/docs, site/en/tutorials/keras/classification.ipynb
# Commit: 7c3650212740204359d4ceae481abc79345541be
# License: Apache-2.0
# Written in our own words with the source's structure; no code copied.
import tensorflow as tf

(train_x, train_y), (test_x, test_y) = tf.keras.datasets.fashion_mnist.load_data()
train_x, test_x = train_x / 255.0, test_x / 255.0

clf = tf.keras.Sequential([
    tf.keras.layers.Flatten(input_shape=(28, 28)),
    tf.keras.layers.Dense(128, activation="relu"),
    tf.keras.layers.Dense(10),  # [ok: keras-probabilities-loss-on-logits] the loss is told from_logits=True; [ok: keras-softmax-with-from-logits] no softmax in the trained model
])
clf.compile(optimizer="adam", loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True), metrics=["accuracy"])
clf.fit(train_x, train_y, epochs=10)  # [ok: keras-label-encoding-mismatch] integer labels with a sparse loss
with_probs = tf.keras.Sequential([clf, tf.keras.layers.Softmax()])  # [ok: keras-softmax-with-from-logits] a prediction-only wrapper, never compiled
predictions = with_probs.predict(test_x)
