"""keras-window-larger-than-input: flagged and clean cases over the build styles."""
import keras
import tensorflow as tf
from keras import layers

# Sequential: 28x28 shrunk to 2x2, then a 3x3 valid kernel.
model = keras.Sequential([
    keras.Input(shape=(28, 28, 1)),
    layers.Conv2D(32, 3),
    layers.MaxPooling2D(2),
    layers.Conv2D(64, 3),
    layers.MaxPooling2D(4),
    layers.Conv2D(64, 3),  # [keras-window-larger-than-input]
])

# .add with tensorflow.keras and input_shape on the first layer: pooling below 1x1.
added = tf.keras.Sequential()
added.add(tf.keras.layers.Conv2D(8, 3, input_shape=(8, 8, 3)))
added.add(tf.keras.layers.MaxPooling2D(2))
added.add(tf.keras.layers.MaxPooling2D(2))
added.add(tf.keras.layers.MaxPooling2D(2))  # [keras-window-larger-than-input]

# Functional Conv1D with dilation: effective window 9 on a length-8 sequence.
sequence = keras.Input(shape=(8, 4))
wide = layers.Conv1D(4, 3, dilation_rate=4)(sequence)  # [keras-window-larger-than-input]

# A helper applied in a loop: the third block gets a 1x1 map.
def block(x, filters):
    x = layers.Conv2D(filters, 3)(x)  # [keras-window-larger-than-input]
    return layers.MaxPooling2D()(x)

images = keras.Input(shape=(10, 10, 3))
x = images
for filters in (16, 32, 64):
    x = block(x, filters)

# channels_first: the spatial axes are the last two.
first = keras.Sequential([
    keras.Input(shape=(3, 4, 4)),
    layers.Conv2D(8, 5, data_format="channels_first"),  # [keras-window-larger-than-input]
])

# Keras 2 spelling: pool_size as a tuple, AveragePooling.
pooled = keras.Sequential([
    keras.Input(shape=(6, 6, 3)),
    layers.AveragePooling2D(pool_size=(7, 7)),  # [keras-window-larger-than-input]
])

# A subclassed model: the input of a call is not carried into call(), so its shapes
# are unknown and nothing is said (never guessed).
class Small(keras.Model):
    def __init__(self):
        super().__init__()
        self.conv = layers.Conv2D(4, 5)

    def call(self, inputs):
        return self.conv(inputs)

small = Small()
small(keras.Input(shape=(3, 3, 1)))

# Clean: same padding never shrinks below 1; a window equal to the input gives 1x1.
same = keras.Sequential([
    keras.Input(shape=(2, 2, 8)),
    layers.Conv2D(8, 3, padding="same"),
    layers.MaxPooling2D(2, padding="same"),
    layers.Conv2D(8, 1),
])
exact = keras.Sequential([
    keras.Input(shape=(3, 3, 8)),
    layers.Conv2D(8, 3),
])

# Clean: unknown sizes are never guessed.
def unknown(size):
    return keras.Sequential([keras.Input(shape=(size, size, 3)), layers.Conv2D(8, 7)])

variable = keras.Sequential([keras.Input(shape=(None, None, 3)), layers.Conv2D(8, 7), layers.MaxPooling2D(4)])

# Clean: a transposed convolution grows its input.
grown = keras.Sequential([keras.Input(shape=(1, 1, 8)), layers.Conv2DTranspose(8, 4)])

# Keras 1 spelling: Convolution2D(filters, rows, cols) with border_mode.
from keras.layers import Convolution2D
legacy = keras.Sequential()
legacy.add(Convolution2D(8, 5, 5, border_mode="valid", input_shape=(4, 4, 3)))  # [keras-window-larger-than-input]

# Clean: written for a keras.json saying channels_first (images shaped (3, H, W), no
# data_format on the layers): read channels-last the 3 would be a spatial axis pooled to
# nothing, but which axes are spatial is not known.
vgg_era = keras.Sequential()
vgg_era.add(layers.ZeroPadding2D((1, 1), input_shape=(3, 32, 32)))
vgg_era.add(layers.Conv2D(16, (3, 3), activation="relu"))
vgg_era.add(layers.MaxPooling2D(pool_size=2))
vgg_era.add(layers.MaxPooling2D(pool_size=2))
