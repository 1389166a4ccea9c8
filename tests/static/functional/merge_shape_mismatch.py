"""keras-merge-shape-mismatch: flagged and clean cases over the build styles."""
import keras
import tensorflow as tf
from keras import layers
from tensorflow.keras.layers import Add, Concatenate, Conv2D, Dense, Input, Multiply, concatenate

# A residual shortcut that skips a change of filters.
inputs = keras.Input(shape=(32, 32, 16))
x = layers.Conv2D(32, 3, padding="same")(inputs)
residual = layers.Add()([inputs, x])  # [keras-merge-shape-mismatch]

# A shortcut that skips a stride, tensorflow.keras spelling, inside a helper.
def down_block(tensor, filters):
    y = Conv2D(filters, 3, strides=2, padding="same")(tensor)
    return Add()([tensor, y])  # [keras-merge-shape-mismatch]

image = Input(shape=(16, 16, 8))
down = down_block(image, 8)

# Concatenate: valid convolution shrinks one branch.
branch = layers.Concatenate()([inputs, layers.Conv2D(8, 3)(inputs)])  # [keras-merge-shape-mismatch]

# The functional alias and an explicit axis: sizes differ off axis 1.
a = Input(shape=(10, 4))
b = Input(shape=(12, 4))
joined = concatenate([a, b], axis=-1)  # [keras-merge-shape-mismatch]

# Concatenate of different ranks.
flat = layers.Flatten()(a)
mixed = Concatenate()([flat, a])  # [keras-merge-shape-mismatch]

# Dot over axes of different sizes, Multiply of two Dense widths.
vector = Input(shape=(20,))
dot = layers.Dot(axes=1)([Dense(3)(vector), Dense(4)(vector)])  # [keras-merge-shape-mismatch]
gated = Multiply()([Dense(8)(vector), Dense(16)(vector)])  # [keras-merge-shape-mismatch]

# A loop of residual blocks whose filters change in the second pass.
def stage(tensor):
    for filters in (8, 16):
        z = layers.Conv2D(filters, 3, padding="same")(tensor)
        tensor = layers.Add()([tensor, z])  # [keras-merge-shape-mismatch]
    return tensor

staged = stage(image)

# A subclassed model: the input of a call is not carried into call(), so its shapes
# are unknown and nothing is said (never guessed).
class TwoHeads(keras.Model):
    def __init__(self):
        super().__init__()
        self.left = layers.Dense(4)
        self.right = layers.Dense(5)
        self.merge = layers.Subtract()

    def call(self, inputs):
        return self.merge([self.left(inputs), self.right(inputs)])

heads = TwoHeads()
heads(keras.Input(shape=(6,)))

# Clean: matching shapes, a projection shortcut, broadcasting of size 1, concatenation axis.
ok = layers.Add()([x, layers.Conv2D(32, 1)(inputs)])
scaled = layers.Multiply()([x, layers.Conv2D(1, 1)(x)])
widened = layers.Concatenate()([inputs, x])
stacked_rows = layers.Concatenate(axis=1)([a, b])
matched = layers.Dot(axes=(1, 1))([Dense(3)(vector), Dense(3)(vector)])
variable = Input(shape=(None, 4))
timesteps = layers.Concatenate(axis=1)([variable, a])
any_length = layers.Add()([variable, a])

# Clean: a shape the code does not show is never guessed.
def merge(left, right):
    return layers.Add()([left, right])

# Clean: images shaped channels-first with the default data format (a keras.json saying
# channels_first): which axis holds the channels is not known.
planes = Input(shape=(3, 32, 32))
planes_conv = layers.Conv2D(3, 3, padding="same")(planes)
planes_sum = layers.Concatenate(axis=1)([planes, planes_conv])
