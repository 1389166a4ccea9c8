"""Strange but valid code around Keras names: no crash and no finding."""
import asyncio
import functools
from functools import partial

import keras
import tensorflow as tf
from keras import layers

Dense = layers.Dense
Dense = Dense  # self-alias
Conv = partial(partial, layers.Conv2D)  # a partial of partial
Odd = partial(*[layers.Conv2D])
Weird = functools.partial(**{"func": layers.Dense})
cfg = {"units": 3}
layers_list = [layers.Dense(u) for u in range(3)]
recursive = []
recursive.append(recursive)


def recurse(x, n):
    if n == 0:
        return x
    return recurse(layers.Dense(4, activation="relu")(x), n - 1)


def loop_forever(model):
    while True:
        model.add(layers.Dense(1))
        model.add(layers.BatchNormalization())
        if model:
            break


def with_walrus(x):
    if (y := layers.Conv2D(8, 3)(x)) is not None:
        return layers.BatchNormalization(axis=y)(y)
    return x


def matcher(kind, x):
    match kind:
        case "bn":
            x = layers.BatchNormalization()(x)
        case _:
            x = layers.Dropout(0.1)(x)
    return x


async def async_build(x):
    x = await asyncio.sleep(0, x)
    return layers.BatchNormalization()(x)


def star(*tensors, **config):
    x = layers.Concatenate()([*tensors])
    x = layers.Dense(**config)(x)
    return layers.BatchNormalization(**config)(x)


def lambdas(x):
    f = lambda t: layers.Dense(3)(t)  # noqa: E731
    x = f(x)
    x = layers.Lambda(lambda t: t * 2)(x)
    return layers.BatchNormalization()(x)


def generator(x):
    yield layers.Dense(4)(x)
    yield from (layers.BatchNormalization()(t) for t in [x])


class NotKeras:
    def __init__(self):
        self.conv = layers.Conv2D(8, 3)
        self.bn = layers.BatchNormalization()

    def call(self, x):
        return self.bn(self.conv(x))


class Meta(type):
    pass


class Strange(keras.Model, metaclass=Meta):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.blocks = [layers.Dense(8) for _ in range(2)]
        self.norm = kwargs.get("norm") or layers.BatchNormalization()

    def call(self, inputs, *args, **kwargs):
        for block in self.blocks:
            inputs = block(inputs)
        return self.norm(inputs, **kwargs)

    @property
    def call2(self):
        return self.call


class NoCallArgs(keras.layers.Layer):
    def call(self):
        return None


class Child(Strange):
    pass


def decorated(fn):
    return fn


@decorated
def build(x=keras.Input(shape=(None,) * 3)):
    x = tf.keras.layers.Conv2D(8, 3)(x)[0]
    x = x + 1
    x = -x
    x = layers.BatchNormalization(axis=[1, 2])(x)
    return x


m = keras.Sequential(layers_list + [layers.BatchNormalization()])
m.add(m)
m.layers = None
m.trainable = m
m.compile(loss=None, optimizer=None)
m.compile(loss=[], metrics={})
m.fit(*[1, 2])
n = keras.Model(*[1, 2])
n.trainable = False
n.fit()
keras.Sequential(layers=None).compile(loss="mse")
keras.Model(inputs=[], outputs={}).fit()
Strange()(keras.Input(shape=(4,)))
Child(norm=None).compile(loss="categorical_crossentropy")
x = keras.Input(shape=(1,) * 2)
for x in x:
    x = layers.Dense(2)(x)
del x
global_value = [layers.BatchNormalization()(i) for i in [keras.Input(shape=(3,))]]
