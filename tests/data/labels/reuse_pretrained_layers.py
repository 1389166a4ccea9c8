# Labels: reusing a trained model's layers, frozen through a loop over .layers, then unfrozen and recompiled.
# Source: ageron/handson-ml3, 11_training_deep_neural_networks.ipynb
# Commit: e3f3f9e66d58cfa1d068a498433063a1d3fba9ef
# License: Apache-2.0
# Written in our own words with the source's structure; no code copied.
import tensorflow as tf

twin = tf.keras.models.clone_model(source_model)
twin.set_weights(source_model.get_weights())
target = tf.keras.Sequential(twin.layers[:-1])
target.add(tf.keras.layers.Dense(1, activation="sigmoid"))  # [ok: keras-loss-activation-mismatch] sigmoid with binary cross-entropy

for piece in target.layers[:-1]:
    piece.trainable = False  # [ok: keras-trainable-after-compile] set before compile()
target.compile(loss="binary_crossentropy", optimizer=tf.keras.optimizers.SGD(learning_rate=0.001), metrics=["accuracy"])
target.fit(x_small, y_small, epochs=4)

for piece in target.layers[:-1]:
    piece.trainable = True  # [ok: keras-trainable-after-compile] compile() is called again below before fit
target.compile(loss="binary_crossentropy", optimizer=tf.keras.optimizers.SGD(learning_rate=0.001), metrics=["accuracy"])
target.fit(x_small, y_small, epochs=16)
