# Labels: a single-shot detector on a pretrained ResNet-50 trained end to end, with a dict of losses per output.
# Source: fchollet/deep-learning-with-python-notebooks, chapter12_object-detection.ipynb
# Commit: dea84a4e12cc3bb3cb61ce952a0168bca113d315
# License: MIT
# Written in our own words with the source's structure; no code copied.
import keras
import keras_hub
from keras import layers

size, cells, classes = 448, 6, 91
resnet = keras_hub.models.Backbone.from_preset("resnet_50_imagenet")
photos = keras.Input(shape=(size, size, 3))
h = resnet(photos)  # [keras-frozen-base-training-mode] a pretrained ResNet-50 (BatchNormalization) trained end to end without training=False: its statistics are overwritten by the detection batches
h = layers.Conv2D(512, (3, 3), strides=(2, 2))(h)  # [ok: keras-stacked-linear-layers] a strided conv that shrinks the map before the large Dense; one merged Dense would hold about 40 times the weights
h = keras.layers.Flatten()(h)
h = layers.Dense(2048, activation="relu", kernel_initializer="glorot_normal")(h)
h = layers.Dropout(0.5)(h)
h = layers.Dense(cells * cells * (classes + 5))(h)
h = layers.Reshape((cells, cells, classes + 5))(h)
boxes = h[..., :5]
labels = layers.Activation("softmax")(h[..., 5:])  # [ok: keras-loss-activation-mismatch] the "class" output's loss is sparse categorical cross-entropy
detector = keras.Model(photos, {"box": boxes, "class": labels})
detector.compile(optimizer=keras.optimizers.Adam(2e-4), loss={"box": box_loss, "class": "sparse_categorical_crossentropy"})
detector.fit(train_dataset, validation_data=val_dataset, epochs=4)
