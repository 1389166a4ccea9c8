# Labels: a frozen MobileNetV2 inside Sequential with a Dense(1) head compiled with the 'binary_crossentropy' string.
# Source: PacktPublishing/Deep-Learning-with-TensorFlow-2-and-Keras, Chapter 5/horse_and_humans_transfer_learning.ipynb
# Commit: e23d2b4a4292386b70977473805acb2f93ef16ca
# License: MIT
# Written in our own words with the source's structure; no code copied.
import tensorflow as tf

backbone = tf.keras.applications.MobileNetV2(input_shape=(160, 160, 3), include_top=False, weights="imagenet")
backbone.trainable = False
peek = backbone(image_batch)  # [ok: keras-frozen-base-training-mode] an eager call on one batch to print the shape
average = tf.keras.layers.GlobalAveragePooling2D()
logit = tf.keras.layers.Dense(1)  # [keras-probabilities-loss-on-logits] no activation, but the 'binary_crossentropy' string expects probabilities
horses = tf.keras.Sequential([  # [ok: keras-frozen-base-training-mode] the backbone is frozen and never unfrozen in this code: its BatchNormalization already runs in inference mode
    backbone,
    average,
    logit,
])
horses.compile(optimizer=tf.keras.optimizers.RMSprop(learning_rate=1e-4), loss="binary_crossentropy", metrics=["accuracy"])
horses.fit(train_batches, epochs=10, validation_data=validation_batches)
