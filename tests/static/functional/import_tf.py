"""Spelling: import tensorflow as tf; tf.keras.layers.X."""
import tensorflow as tf

model = tf.keras.models.Sequential([
    tf.keras.layers.InputLayer(input_shape=(32, 32, 3)),
    tf.keras.layers.Conv2D(32, 3),  # [keras-bias-before-batchnorm]
    tf.keras.layers.BatchNormalization(),
    tf.keras.layers.Activation(tf.nn.relu),
    tf.keras.layers.GlobalAveragePooling2D(),
    tf.keras.layers.Dense(10),  # [keras-probabilities-loss-on-logits]
])
model.compile(optimizer="adam", loss=tf.keras.losses.SparseCategoricalCrossentropy())
