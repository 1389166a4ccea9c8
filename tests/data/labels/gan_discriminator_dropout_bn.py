# Labels: a GAN discriminator with Dropout right before BatchNormalization.
# Source: PacktPublishing/Deep-Learning-Quick-Reference, Chapter13/mnist_gan.py
# Commit: fb7913e8f818a2d968455184eab11a4ea0fb7223
# License: MIT
# Written in our own words with the source's structure; no code copied.
from keras.layers import BatchNormalization, Conv2D, Dense, Dropout, Flatten, Input, LeakyReLU
from keras.models import Model


def critic(image_shape):
    image = Input(image_shape)
    h = Conv2D(32, kernel_size=3, strides=2, padding="same")(image)
    h = LeakyReLU(alpha=0.2)(h)
    h = Dropout(0.25)(h)  # [ok: keras-dropout-before-batchnorm] feeds a convolution, not a BatchNormalization
    h = Conv2D(64, kernel_size=3, strides=2, padding="same")(h)
    h = LeakyReLU(alpha=0.2)(h)
    h = Dropout(0.25)(h)  # [keras-dropout-before-batchnorm] the BatchNormalization below sees the dropout's variance only in training
    h = BatchNormalization(momentum=0.8)(h)
    h = Conv2D(128, kernel_size=3, strides=2, padding="same")(h)
    h = LeakyReLU(alpha=0.2)(h)
    h = Dropout(0.25)(h)  # [keras-dropout-before-batchnorm] same order again in the next stage
    h = BatchNormalization(momentum=0.8)(h)
    h = Flatten()(h)
    verdict = Dense(1, activation="sigmoid")(h)  # [ok: keras-loss-activation-mismatch] sigmoid with binary cross-entropy
    model = Model(image, verdict)
    model.compile(optimizer="adam", loss="binary_crossentropy")
    return model


discriminator = critic((28, 28, 1))
