# Labels: MLPs with BatchNormalization on Fashion-MNIST: after Flatten, after ReLU layers, and before the activation.
# Source: ageron/handson-ml3, 11_training_deep_neural_networks.ipynb
# Commit: e3f3f9e66d58cfa1d068a498433063a1d3fba9ef
# License: Apache-2.0
# Written in our own words with the source's structure; no code copied.
import tensorflow as tf

(x_train, y_train), (x_test, y_test) = tf.keras.datasets.fashion_mnist.load_data()
x_train, x_test = x_train / 255.0, x_test / 255.0

first = tf.keras.Sequential([
    tf.keras.layers.Flatten(input_shape=[28, 28]),
    tf.keras.layers.BatchNormalization(),  # [keras-batchnorm-on-raw-input] normalizes the pixels (only reshaped by Flatten) with moving statistics
    tf.keras.layers.Dense(300, activation="relu", kernel_initializer="he_normal"),  # [ok: keras-bias-before-batchnorm] the ReLU sits between the bias and the BatchNormalization
    tf.keras.layers.BatchNormalization(),  # [ok: keras-batchnorm-on-raw-input] normalizes hidden activations
    tf.keras.layers.Dense(100, activation="relu", kernel_initializer="he_normal"),  # [ok: keras-bias-before-batchnorm] the ReLU sits between the bias and the BatchNormalization
    tf.keras.layers.BatchNormalization(),
    tf.keras.layers.Dense(10, activation="softmax"),  # [ok: keras-loss-activation-mismatch] softmax with sparse categorical cross-entropy
])
first.compile(loss="sparse_categorical_crossentropy", optimizer="sgd", metrics=["accuracy"])
first.fit(x_train, y_train, epochs=2)  # [ok: keras-label-encoding-mismatch] integer labels from fashion_mnist with the sparse loss; [ok: keras-output-keeps-axis] the Flatten first makes the output one prediction per image, as the labels are

second = tf.keras.Sequential([
    tf.keras.layers.Flatten(input_shape=[28, 28]),
    tf.keras.layers.Dense(300, kernel_initializer="he_normal", use_bias=False),  # [ok: keras-bias-before-batchnorm] use_bias=False already
    tf.keras.layers.BatchNormalization(),
    tf.keras.layers.Activation("relu"),  # [ok: keras-redundant-activation] the Dense before has no activation of its own
    tf.keras.layers.Dense(100, kernel_initializer="he_normal", use_bias=False),  # [ok: keras-bias-before-batchnorm] use_bias=False already
    tf.keras.layers.BatchNormalization(),
    tf.keras.layers.Activation("relu"),
    tf.keras.layers.Dense(10, activation="softmax"),
])
second.compile(loss="sparse_categorical_crossentropy", optimizer="sgd", metrics=["accuracy"])
second.fit(x_train, y_train, epochs=2)

deep = tf.keras.Sequential()
deep.add(tf.keras.layers.Flatten(input_shape=[32, 32, 3]))
for _ in range(20):
    deep.add(tf.keras.layers.Dense(100, kernel_initializer="he_normal"))  # [keras-bias-before-batchnorm] the BatchNormalization added next subtracts the bias, in every iteration
    deep.add(tf.keras.layers.BatchNormalization())
    deep.add(tf.keras.layers.Activation("swish"))
deep.add(tf.keras.layers.Dense(10, activation="softmax"))
deep.compile(loss="sparse_categorical_crossentropy", optimizer=tf.keras.optimizers.Nadam(learning_rate=5e-4))
