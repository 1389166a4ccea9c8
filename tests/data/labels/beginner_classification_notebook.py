# Labels: a beginner's notebook: logit outputs with BinaryCrossentropy(), a linear regression in three layers, one-hot and integer labels.
# Source: mrdbourke/tensorflow-deep-learning, video_notebooks/02_neural_network_classification_in_tensorflow_video.ipynb and docs/01_neural_network_regression_in_tensorflow.ipynb
# Commit: bd065b806249f7b1155e5b1fabd130c5cfc9d184
# License: MIT
# Written in our own words with the sources' structure; no code copied.
import tensorflow as tf

circles = tf.keras.Sequential([
    tf.keras.layers.Dense(1),  # [keras-probabilities-loss-on-logits] no activation, and BinaryCrossentropy() expects probabilities
])
circles.compile(loss=tf.keras.losses.BinaryCrossentropy(), optimizer=tf.keras.optimizers.SGD(), metrics=["accuracy"])
circles.fit(X, y, epochs=200)

relu_only = tf.keras.Sequential([
    tf.keras.layers.Dense(4, activation=tf.keras.activations.relu),
    tf.keras.layers.Dense(4, activation=tf.keras.activations.relu),
    tf.keras.layers.Dense(1),  # [keras-probabilities-loss-on-logits] same: a logit fed to binary_crossentropy
])
relu_only.compile(loss=tf.keras.losses.binary_crossentropy, optimizer=tf.keras.optimizers.Adam(learning_rate=0.001))
relu_only.fit(X, y, epochs=100)

fixed = tf.keras.Sequential([
    tf.keras.layers.Dense(4, activation=tf.keras.activations.relu),
    tf.keras.layers.Dense(4, activation=tf.keras.activations.relu),
    tf.keras.layers.Dense(1, activation=tf.keras.activations.sigmoid),  # [ok: keras-probabilities-loss-on-logits] sigmoid output; [ok: keras-loss-activation-mismatch] sigmoid with binary cross-entropy
])
fixed.compile(loss=tf.keras.losses.binary_crossentropy, optimizer=tf.keras.optimizers.Adam(), metrics=["accuracy"])
fixed.fit(X, y, epochs=100)

charges = tf.keras.Sequential([
    tf.keras.layers.Dense(100),  # [keras-stacked-linear-layers] no activation anywhere: the three layers are one linear map
    tf.keras.layers.Dense(10),  # [keras-stacked-linear-layers] same, second pair
    tf.keras.layers.Dense(1),  # [ok: keras-probabilities-loss-on-logits] a regression output trained with mean absolute error
])
charges.compile(loss=tf.keras.losses.mae, optimizer=tf.keras.optimizers.Adam(), metrics=["mae"])
charges.fit(X_train_normal, y_train, epochs=200)

(train_data, train_labels), (test_data, test_labels) = tf.keras.datasets.fashion_mnist.load_data()
onehot_model = tf.keras.Sequential([
    tf.keras.layers.Flatten(input_shape=(28, 28)),
    tf.keras.layers.Dense(4, activation="relu"),
    tf.keras.layers.Dense(4, activation="relu"),
    tf.keras.layers.Dense(10, activation="softmax"),
])
onehot_model.compile(loss=tf.keras.losses.CategoricalCrossentropy(), optimizer=tf.keras.optimizers.Adam(), metrics=["accuracy"])
onehot_model.fit(train_data, tf.one_hot(train_labels, depth=10), epochs=10)  # [ok: keras-label-encoding-mismatch] labels one-hot encoded in the call, categorical loss
sparse_model = tf.keras.Sequential([
    tf.keras.layers.Flatten(input_shape=(28, 28)),
    tf.keras.layers.Dense(4, activation="relu"),
    tf.keras.layers.Dense(10, activation="softmax"),
])
sparse_model.compile(loss=tf.keras.losses.SparseCategoricalCrossentropy(), optimizer=tf.keras.optimizers.Adam(), metrics=["accuracy"])
sparse_model.fit(train_data, train_labels, epochs=10)  # [ok: keras-label-encoding-mismatch] integer labels with the sparse loss
