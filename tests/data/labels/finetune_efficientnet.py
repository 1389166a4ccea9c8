# Labels: EfficientNetB0 feature extraction then fine-tuning, the base called without training=False.
# Source: mrdbourke/tensorflow-deep-learning, docs/05_transfer_learning_in_tensorflow_part_2_fine_tuning.ipynb
# Commit: bd065b806249f7b1155e5b1fabd130c5cfc9d184
# License: MIT
# Written in our own words with the source's structure; no code copied.
import tensorflow as tf

encoder = tf.keras.applications.EfficientNetB0(include_top=False)
encoder.trainable = False
pixels = tf.keras.layers.Input(shape=(224, 224, 3), name="pixels")
z = encoder(pixels)  # [keras-frozen-base-training-mode] BatchNormalization inside EfficientNet; the top layers are unfrozen and trained below
z = tf.keras.layers.GlobalAveragePooling2D()(z)
scores = tf.keras.layers.Dense(10, activation="softmax")(z)  # [ok: keras-loss-activation-mismatch] softmax with categorical cross-entropy
net = tf.keras.Model(pixels, scores)
net.compile(loss="categorical_crossentropy", optimizer=tf.keras.optimizers.Adam(), metrics=["accuracy"])
first = net.fit(train_data, epochs=5, validation_data=test_data)

encoder.trainable = True  # [ok: keras-trainable-after-compile] recompiled right below
for block in encoder.layers[:-10]:
    block.trainable = False  # [ok: keras-trainable-after-compile] recompiled right below
net.compile(loss="categorical_crossentropy", optimizer=tf.keras.optimizers.Adam(learning_rate=1e-4), metrics=["accuracy"])
net.fit(train_data, epochs=10, initial_epoch=first.epoch[-1], validation_data=test_data)
