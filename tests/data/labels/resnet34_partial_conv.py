# Labels: ResNet-34 from a functools.partial convolution with use_bias=False, in a subclassed residual unit.
# Source: ageron/handson-ml3, 14_deep_computer_vision_with_cnns.ipynb
# Commit: e3f3f9e66d58cfa1d068a498433063a1d3fba9ef
# License: Apache-2.0
# Written in our own words with the source's structure (partial, layer lists looped over in call()); no code copied.
from functools import partial

import tensorflow as tf

Conv3x3 = partial(tf.keras.layers.Conv2D, kernel_size=3, strides=1, padding="same",
                  kernel_initializer="he_normal", use_bias=False)


class ResBlock(tf.keras.layers.Layer):
    def __init__(self, width, stride=1, activation="relu", **kwargs):
        super().__init__(**kwargs)
        self.act = tf.keras.activations.get(activation)
        self.path = [
            Conv3x3(width, strides=stride),  # [ok: keras-bias-before-batchnorm] use_bias=False comes from the partial
            tf.keras.layers.BatchNormalization(),  # [ok: keras-batchnorm-wrong-axis] default axis=-1 on channels_last feature maps
            self.act,
            Conv3x3(width),  # [ok: keras-bias-before-batchnorm] use_bias=False comes from the partial
            tf.keras.layers.BatchNormalization(),
        ]
        self.shortcut = []
        if stride > 1:
            self.shortcut = [
                Conv3x3(width, kernel_size=1, strides=stride),  # [ok: keras-bias-before-batchnorm] use_bias=False comes from the partial
                tf.keras.layers.BatchNormalization(),
            ]

    def call(self, inputs):
        main = inputs
        for step in self.path:
            main = step(main)
        side = inputs
        for step in self.shortcut:
            side = step(side)
        return self.act(main + side)


net = tf.keras.Sequential([
    Conv3x3(64, kernel_size=7, strides=2, input_shape=[224, 224, 3]),  # [ok: keras-bias-before-batchnorm] use_bias=False comes from the partial
    tf.keras.layers.BatchNormalization(),  # [ok: keras-batchnorm-on-raw-input] follows the stem convolution, not the input
    tf.keras.layers.Activation("relu"),
    tf.keras.layers.MaxPool2D(pool_size=3, strides=2, padding="same"),
])
previous = 64
for width in [64] * 3 + [128] * 4 + [256] * 6 + [512] * 3:
    net.add(ResBlock(width, stride=1 if width == previous else 2))
    previous = width
net.add(tf.keras.layers.GlobalAvgPool2D())
net.add(tf.keras.layers.Flatten())
net.add(tf.keras.layers.Dense(10, activation="softmax"))  # [ok: keras-dense-on-unflattened] after global pooling and Flatten
