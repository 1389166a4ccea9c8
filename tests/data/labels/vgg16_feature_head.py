# Labels: VGG16 feature extraction with a Dense head that has no activation, then fine-tuning the last block.
# Source: fchollet/deep-learning-with-python-notebooks, second_edition/chapter08_intro-to-dl-for-computer-vision.ipynb
# Commit: dea84a4e12cc3bb3cb61ce952a0168bca113d315
# License: MIT
# Written in our own words with the source's structure; no code copied.
from tensorflow import keras
from tensorflow.keras import layers

features_in = keras.Input(shape=(5, 5, 512))
f = layers.Flatten()(features_in)
f = layers.Dense(256)(f)  # [keras-stacked-linear-layers] no activation, and only Dropout before the sigmoid Dense: logistic regression with extra weights
f = layers.Dropout(0.5)(f)
head_only = keras.Model(features_in, layers.Dense(1, activation="sigmoid")(f))
head_only.compile(loss="binary_crossentropy", optimizer="rmsprop", metrics=["accuracy"])

vgg = keras.applications.vgg16.VGG16(weights="imagenet", include_top=False)
vgg.trainable = False
augment = keras.Sequential([layers.RandomFlip("horizontal"), layers.RandomRotation(0.1)])
photo = keras.Input(shape=(180, 180, 3))
g = augment(photo)
g = keras.applications.vgg16.preprocess_input(g)
g = vgg(g)  # [ok: keras-frozen-base-training-mode] VGG16 has no BatchNormalization layer
g = layers.Flatten()(g)
g = layers.Dense(256)(g)  # [keras-stacked-linear-layers] same linear pair before the sigmoid output
g = layers.Dropout(0.5)(g)
full = keras.Model(photo, layers.Dense(1, activation="sigmoid")(g))  # [ok: keras-loss-activation-mismatch] sigmoid with binary cross-entropy
full.compile(loss="binary_crossentropy", optimizer="rmsprop", metrics=["accuracy"])
full.fit(train_dataset, epochs=50, validation_data=validation_dataset)

vgg.trainable = True  # [ok: keras-trainable-after-compile] compile() follows before the next fit
for stage in vgg.layers[:-4]:
    stage.trainable = False  # [ok: keras-trainable-after-compile] compile() follows before the next fit
full.compile(loss="binary_crossentropy", optimizer=keras.optimizers.RMSprop(learning_rate=1e-5), metrics=["accuracy"])
full.fit(train_dataset, epochs=30, validation_data=validation_dataset)
