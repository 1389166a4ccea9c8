# Labels: a small WaveNet: a linear causal conv whose output feeds both the next conv and a residual sum.
# Source: ageron/handson-ml2, 15_processing_sequences_using_rnns_and_cnns.ipynb
# Commit: 1e2115277b50f6c584cd668fa30e3af309a5b136
# License: Apache-2.0
# Written in our own words with the source's structure (a helper returning two tensors, a loop over dilations); no code copied.
import tensorflow as tf
from tensorflow import keras


class Gate(keras.layers.Layer):
    def call(self, inputs):
        half = inputs.shape[-1] // 2
        return keras.activations.tanh(inputs[..., :half]) * keras.activations.sigmoid(inputs[..., half:])


def residual_unit(inputs, width, dilation):
    h = keras.layers.Conv1D(2 * width, kernel_size=2, padding="causal", dilation_rate=dilation)(inputs)
    h = Gate()(h)
    h = keras.layers.Conv1D(width, kernel_size=1)(h)  # [ok: keras-stacked-linear-layers] its output also goes to the skip list and the residual sum
    return keras.layers.Add()([h, inputs]), h


series = keras.layers.Input(shape=[None, 1])
h = keras.layers.Conv1D(32, kernel_size=2, padding="causal")(series)  # [ok: keras-stacked-linear-layers] the output also feeds the residual Add of the first unit, so the two convolutions cannot be merged
skips = []
for dilation in [1, 2, 4]:
    h, skip = residual_unit(h, 32, dilation)
    skips.append(skip)
h = keras.activations.relu(keras.layers.Add()(skips))
h = keras.layers.Conv1D(32, kernel_size=1, activation="relu")(h)
wavenet = keras.models.Model(inputs=[series], outputs=[keras.layers.Conv1D(10, kernel_size=1)(h)])
