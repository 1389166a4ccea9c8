# Labels: Xception transfer learning frozen layer by layer, then a two-output model with a list of losses.
# Source: ageron/handson-ml3, 14_deep_computer_vision_with_cnns.ipynb
# Commit: e3f3f9e66d58cfa1d068a498433063a1d3fba9ef
# License: Apache-2.0
# Written in our own words with the source's structure; no code copied.
import tensorflow as tf

trunk = tf.keras.applications.xception.Xception(weights="imagenet", include_top=False)
pooled = tf.keras.layers.GlobalAveragePooling2D()(trunk.output)
probs = tf.keras.layers.Dense(n_classes, activation="softmax")(pooled)  # [ok: keras-loss-activation-mismatch] softmax with sparse categorical cross-entropy
flowers = tf.keras.Model(inputs=trunk.input, outputs=probs)
for part in trunk.layers:
    part.trainable = False  # [ok: keras-trainable-after-compile] set before the first compile()
flowers.compile(loss="sparse_categorical_crossentropy", optimizer=tf.keras.optimizers.SGD(learning_rate=0.1, momentum=0.9),
                metrics=["accuracy"])
flowers.fit(train_set, validation_data=valid_set, epochs=3)
for part in trunk.layers[56:]:
    part.trainable = True  # [ok: keras-trainable-after-compile] compile() is called again before fit
flowers.compile(loss="sparse_categorical_crossentropy", optimizer=tf.keras.optimizers.SGD(learning_rate=0.01, momentum=0.9),
                metrics=["accuracy"])
flowers.fit(train_set, validation_data=valid_set, epochs=10)

trunk = tf.keras.applications.xception.Xception(weights="imagenet", include_top=False)
pooled = tf.keras.layers.GlobalAveragePooling2D()(trunk.output)
label_head = tf.keras.layers.Dense(n_classes, activation="softmax")(pooled)  # [ok: keras-loss-activation-mismatch] the first loss of the list is sparse categorical cross-entropy
box_head = tf.keras.layers.Dense(4)(pooled)  # [ok: keras-probabilities-loss-on-logits] a linear box regressor with mean squared error
two_heads = tf.keras.Model(inputs=trunk.input, outputs=[label_head, box_head])
two_heads.compile(loss=["sparse_categorical_crossentropy", "mse"], loss_weights=[0.8, 0.2],
                  optimizer=tf.keras.optimizers.SGD(learning_rate=0.01, momentum=0.9), metrics=["accuracy", "mse"])
