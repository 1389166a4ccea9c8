"""Unknown or dynamic code: no finding, no crash."""
import importlib

import keras
from keras import layers

kind = importlib.import_module("keras.layers").Conv2D
conv_cls = getattr(layers, "Conv2D")


def build(cfg, make_layer, *args, **kwargs):
    x = keras.Input(shape=cfg.shape)
    x = make_layer(cfg)(x)
    x = layers.BatchNormalization()(x)
    x = conv_cls(32, 3)(x)
    x = layers.BatchNormalization()(x)
    x = layers.Dense(**kwargs)(x)
    x = layers.BatchNormalization()(x)
    y = layers.Conv2D(*args)(x)
    y = layers.BatchNormalization(axis=cfg.axis)(y)
    return keras.Model(x, y)


model = build(object(), None)
model.compile(loss=lambda y, p: 0)
for layer in model.layers:
    layer.trainable = layer.name.startswith("x")
model.fit(1, 2)
