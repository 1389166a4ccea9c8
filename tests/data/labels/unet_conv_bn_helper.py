# Labels: a Conv2D + optional BatchNormalization helper whose bias and axis follow its flags and the data format.
# Source: qubvel/segmentation_models, segmentation_models/models/_common_blocks.py
# Commit: 5d24bbfb28af6134e25e2c0b79e7727f6c0491d0
# License: MIT
# Written in our own words with the source's structure (a closure returned by a helper); no code copied.
from tensorflow import keras
from tensorflow.keras import backend, layers


def conv_bn(filters, kernel_size, activation=None, use_batchnorm=False, padding="same"):
    channel_axis = 3 if backend.image_data_format() == "channels_last" else 1

    def apply(tensor):
        out = layers.Conv2D(filters, kernel_size, padding=padding, activation=None,  # [ok: keras-bias-before-batchnorm] use_bias is off exactly when the BatchNormalization follows; [ok: keras-stacked-linear-layers] every call passes an activation (ReLU, sigmoid) applied after it
                            use_bias=not use_batchnorm)(tensor)
        if use_batchnorm:
            out = layers.BatchNormalization(axis=channel_axis)(out)  # [ok: keras-batchnorm-wrong-axis] the axis follows the image data format on both paths
        if activation:
            out = layers.Activation(activation)(out)
        return out

    return apply


image = keras.Input(shape=(256, 256, 3))
feat = conv_bn(64, 3, activation="relu", use_batchnorm=True)(image)
feat = conv_bn(64, 3, activation="relu", use_batchnorm=True)(feat)
mask = conv_bn(1, 1, activation="sigmoid")(feat)
segmenter = keras.Model(image, mask)
segmenter.compile(optimizer="adam", loss="binary_crossentropy")  # [ok: keras-loss-activation-mismatch] sigmoid mask with binary cross-entropy
