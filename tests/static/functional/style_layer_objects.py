"""Build style: layer objects created once and applied later (also shared)."""
import keras
from keras import layers

conv = layers.Conv2D(32, 3, padding="same")  # [keras-bias-before-batchnorm]
bn = layers.BatchNormalization()
act = layers.Activation("relu")
head = layers.Dense(10)  # [keras-probabilities-loss-on-logits]
pool = layers.GlobalAveragePooling2D()

inputs = keras.Input(shape=(32, 32, 3))
x = conv(inputs)
x = bn(x)
x = act(x)
x = pool(x)
outputs = head(x)
model = keras.Model(inputs=inputs, outputs=outputs)
model.compile(loss="categorical_crossentropy")

# Clean: a shared Dense whose output also leaves the function.
shared = layers.Dense(16)
def tower(t):
    u = shared(t)
    v = layers.BatchNormalization()(u)
    return u, v
