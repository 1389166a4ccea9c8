"""keras-flatten-dense-parameters: flagged and clean cases over the build styles."""
import keras
import tensorflow as tf
from keras import layers
from tensorflow.keras.layers import Conv2D, Dense, Dropout, Flatten, MaxPooling2D

# Sequential: Flatten of 32x32x128 into Dense(512) holds nearly all of the model.
model = keras.Sequential([
    keras.Input(shape=(32, 32, 3)),
    layers.Conv2D(64, 3, padding="same", activation="relu"),
    layers.Conv2D(128, 3, padding="same", activation="relu"),
    layers.Flatten(),
    layers.Dense(512, activation="relu"),  # [keras-flatten-dense-parameters]
    layers.Dense(10, activation="softmax"),
])

# .add with tensorflow.keras, a Dropout between Flatten and Dense.
added = tf.keras.Sequential()
added.add(Conv2D(32, 3, activation="relu", input_shape=(28, 28, 1)))
added.add(Conv2D(64, 3, activation="relu"))
added.add(MaxPooling2D(2))
added.add(Flatten())
added.add(Dropout(0.5))
added.add(Dense(128, activation="relu"))  # [keras-flatten-dense-parameters]
added.add(Dense(10, activation="softmax"))

# Functional, a Reshape to one feature axis, the convolutions built by a helper in a loop.
def conv_block(x, filters):
    return layers.Conv2D(filters, 3, padding="same", activation="relu")(x)

inputs = keras.Input(shape=(16, 16, 3))
x = inputs
for filters in (32, 64):
    x = conv_block(x, filters)
x = layers.Reshape((16 * 16 * 64,))(x)
outputs = layers.Dense(256)(x)  # [keras-flatten-dense-parameters]
functional = keras.Model(inputs, outputs)

# Clean: global pooling before the classifier.
pooled = keras.Sequential([
    keras.Input(shape=(32, 32, 3)),
    layers.Conv2D(64, 3, padding="same", activation="relu"),
    layers.GlobalAveragePooling2D(),
    layers.Dense(512, activation="relu"),
    layers.Dense(10, activation="softmax"),
])

# Clean: the Dense after Flatten holds under 80% (a small map after down-sampling).
small = keras.Sequential([
    keras.Input(shape=(32, 32, 3)),
    layers.Conv2D(64, 3, strides=4, padding="same"),
    layers.Conv2D(256, 3, strides=2, padding="same"),
    layers.Flatten(),
    layers.Dense(16),
])

# Clean: a layer whose parameters the code does not show leaves the total unknown.
def classifier(width):
    return keras.Sequential([
        keras.Input(shape=(32, 32, 3)),
        layers.Conv2D(width, 3, padding="same"),
        layers.Flatten(),
        layers.Dense(512),
    ])

# Clean: a Flatten of features that are already one axis.
vectors = keras.Sequential([keras.Input(shape=(100,)), layers.Flatten(), layers.Dense(64)])

# Clean: a Flatten of the raw image into an MLP: no feature map to pool.
mlp = keras.Sequential([
    keras.Input(shape=(28, 28)),
    layers.Flatten(),
    layers.Dense(512, activation="relu"),
    layers.Dense(10, activation="softmax"),
])

# Clean: images shaped channels-first with the default data format (written for a
# keras.json saying channels_first): the figures depend on that file.
planar = keras.Sequential([
    layers.Conv2D(32, 2, padding="same", input_shape=(1, 28, 28)),
    layers.MaxPooling2D(padding="same"),
    layers.Flatten(),
    layers.Dense(128, activation="relu"),
])
