"""keras-frozen-base-training-mode: flagged and clean cases."""
import keras
from keras import layers

base = keras.applications.MobileNetV2(include_top=False, weights="imagenet", input_shape=(160, 160, 3))
base.trainable = False
inputs = keras.Input(shape=(160, 160, 3))
x = base(inputs)  # [keras-frozen-base-training-mode]
x = layers.GlobalAveragePooling2D()(x)
outputs = layers.Dense(1)(x)
model = keras.Model(inputs, outputs)

# Clean: called with training=False, as in the transfer-learning guide.
y = base(inputs, training=False)
y = layers.GlobalAveragePooling2D()(y)
clean = keras.Model(inputs, layers.Dense(1)(y))

# Clean: a randomly initialised backbone is not pretrained.
scratch = keras.applications.ResNet50(include_top=False, weights=None)
z = scratch(inputs)

# A frozen model of the user's own that holds BatchNormalization: flagged.
encoder = keras.Sequential([keras.Input(shape=(8,)), layers.Dense(16, use_bias=False), layers.BatchNormalization(), layers.ReLU()])
encoder.trainable = False
e = encoder(keras.Input(shape=(8,)))  # [keras-frozen-base-training-mode]

# Clean: a frozen GAN discriminator made of Dense layers has no statistics to protect.
disc = keras.Sequential([keras.Input(shape=(8,)), layers.Dense(16, activation="relu"), layers.Dense(1, activation="sigmoid")])
disc.trainable = False
d = disc(keras.Input(shape=(8,)))
