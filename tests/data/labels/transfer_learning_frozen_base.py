# Labels: transfer learning from MobileNetV2 done right (training=False, recompiled after unfreezing).
# Source: tensorflow/docs, site/en/tutorials/images/transfer_learning.ipynb
# Commit: 7c3650212740204359d4ceae481abc79345541be
# License: Apache-2.0
# Written in our own words with the source's structure (functional head on a frozen base, then fine-tuning); no code copied.
import tensorflow as tf

scale_inputs = tf.keras.applications.mobilenet_v2.preprocess_input
backbone = tf.keras.applications.MobileNetV2(input_shape=(160, 160, 3), include_top=False, weights="imagenet")
sample_features = backbone(sample_images)  # [ok: keras-frozen-base-training-mode] an eager call on a batch to look at the shape, outside any model
backbone.trainable = False

pool = tf.keras.layers.GlobalAveragePooling2D()
head = tf.keras.layers.Dense(1, activation="sigmoid")  # [ok: keras-probabilities-loss-on-logits] sigmoid output with a probability loss; [ok: keras-softmax-with-from-logits] from_logits stays False

pictures = tf.keras.Input(shape=(160, 160, 3))
h = scale_inputs(pictures)
h = backbone(h, training=False)  # [ok: keras-frozen-base-training-mode] called with training=False
h = pool(h)
h = tf.keras.layers.Dropout(0.2)(h)
classifier = tf.keras.Model(pictures, head(h))
classifier.compile(optimizer=tf.keras.optimizers.Adam(learning_rate=1e-4),
                   loss=tf.keras.losses.BinaryCrossentropy(),
                   metrics=["accuracy"])
classifier.fit(train_ds, epochs=10, validation_data=val_ds)

backbone.trainable = True  # [ok: keras-trainable-after-compile] compile() is called again before the next fit
for block in backbone.layers[:100]:
    block.trainable = False  # [ok: keras-trainable-after-compile] compile() is called again before the next fit
classifier.compile(loss=tf.keras.losses.BinaryCrossentropy(),
                   optimizer=tf.keras.optimizers.RMSprop(learning_rate=1e-5),
                   metrics=["accuracy"])
classifier.fit(train_ds, epochs=20, initial_epoch=10, validation_data=val_ds)
