"""Spelling: import tf_keras (Keras 2 as a package)."""
import tf_keras

model = tf_keras.Sequential([
    tf_keras.layers.Dense(64, input_shape=(20,)),  # [keras-stacked-linear-layers]
    tf_keras.layers.Dense(1, activation="softmax"),  # [keras-loss-activation-mismatch]
])
