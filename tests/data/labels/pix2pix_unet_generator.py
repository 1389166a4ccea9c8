# Labels: a pix2pix U-Net generator written out layer by layer with the Keras 2 alias Convolution2D before BatchNormalization.
# Source: PacktPublishing/Generative-Adversarial-Networks-Projects, Chapter08/run.py
# Commit: 317e7682acfeb5563f70c020a09b1b2e4c6595bb
# License: MIT
# Written in our own words with the source's structure (shortened: four levels instead of eight); no code copied.
from keras.layers import Activation, BatchNormalization, Convolution2D, Dropout, Input, LeakyReLU, UpSampling2D, concatenate
from keras.models import Model

sketch = Input(shape=(256, 256, 1))
e1 = Convolution2D(filters=64, kernel_size=4, padding="same", strides=2)(sketch)  # [ok: keras-bias-before-batchnorm] no BatchNormalization on the first level
e1 = LeakyReLU(alpha=0.2)(e1)
e2 = Convolution2D(filters=128, kernel_size=4, padding="same", strides=2)(e1)  # [keras-bias-before-batchnorm] straight into BatchNormalization
e2 = BatchNormalization()(e2)
e2 = LeakyReLU(alpha=0.2)(e2)
e3 = Convolution2D(filters=256, kernel_size=4, padding="same", strides=2)(e2)  # [keras-bias-before-batchnorm] straight into BatchNormalization
e3 = BatchNormalization()(e3)
e3 = LeakyReLU(alpha=0.2)(e3)
e4 = Convolution2D(filters=512, kernel_size=4, padding="same", strides=2)(e3)  # [keras-bias-before-batchnorm] straight into BatchNormalization
e4 = BatchNormalization()(e4)
e4 = LeakyReLU(alpha=0.2)(e4)
d1 = UpSampling2D(size=2)(e4)
d1 = Convolution2D(filters=512, kernel_size=4, padding="same")(d1)  # [keras-bias-before-batchnorm] straight into BatchNormalization
d1 = BatchNormalization()(d1)
d1 = Dropout(0.5)(d1)  # [ok: keras-dropout-before-batchnorm] concatenated and activated, then the next level's convolution: no BatchNormalization reads it directly
d1 = concatenate([d1, e3], axis=3)
d1 = Activation("relu")(d1)
d2 = UpSampling2D(size=2)(d1)
d2 = Convolution2D(filters=256, kernel_size=4, padding="same")(d2)  # [keras-bias-before-batchnorm] straight into BatchNormalization
d2 = BatchNormalization()(d2)
d2 = concatenate([d2, e2])
d2 = Activation("relu")(d2)
d3 = UpSampling2D(size=2)(d2)
d3 = Convolution2D(filters=1, kernel_size=4, padding="same")(d3)
painter = Model(inputs=[sketch], outputs=[Activation("tanh")(d3)])
