"""# keras-batchnorm-wrong-axis (E7302)

## What it does
Checks for a `BatchNormalization` whose `axis` is not the channel axis of its input,
where the code states the input's rank and data format (for example a
`channels_last` convolution followed by `BatchNormalization(axis=1)`). An input known
to have a single channel (a one-channel spectrogram normalized per frequency) is left
alone: there the channel axis holds one statistic, and normalizing another axis is a
choice, not a typo. So is an input whose channel count is unknown because it comes,
through layers that keep the channels (padding, cropping, pooling, dropout,
activations), from a tensor the code does not show (a helper's parameter). After a
`Reshape` or a `Dense`, which do not say where the channels are, the convolutions the
`BatchNormalization` feeds say it, when every path from it reaches one (through layers
that keep the channels where they are) and they agree; a path that ends elsewhere (the
model's output) gives no finding.

## Why is this bad?
`axis` names the axis that keeps its own statistics and its own `gamma`/`beta`: the
feature axis. Every other axis (batch and spatial positions) is averaged over. With
`channels_last` data, `axis=1` is the image height: the layer computes one mean and
variance per *row*, mixing all channels together, and learns a scale and shift per row.
The channels are not normalized at all, the model is tied to one input height, and the
training behaves nothing like batch normalization. The mistake usually comes from
porting Theano-era or PyTorch code (channels first, `axis=1`) to Keras's default
`channels_last`, or the other way around.

The rule only fires when the rank and layout are known from the code; an input of
unknown shape is never guessed. The channels are followed through layers that keep
them in place and through `Permute`, which moves them; after a `Reshape` where they
went is not stated, so the rule stays silent.

## Example
```python
import keras
from keras import layers

model = keras.Sequential([
    keras.Input(shape=(64, 64, 3)),
    layers.Conv2D(32, 3, use_bias=False),
    layers.BatchNormalization(axis=1),  # [keras-batchnorm-wrong-axis]
    layers.ReLU(),
])
```

## Use instead
```python
import keras
from keras import layers

model = keras.Sequential([
    keras.Input(shape=(64, 64, 3)),
    layers.Conv2D(32, 3, use_bias=False),
    layers.BatchNormalization(axis=-1),
    layers.ReLU(),
])
```

With `data_format="channels_first"`, `axis=1` is the right choice.

## Options
None.

## References
- Ioffe and Szegedy, [Batch Normalization](https://arxiv.org/abs/1502.03167) (2015), section 3.2: for convolutional layers, normalize each feature map jointly over all locations
- [Keras `BatchNormalization` (`axis`)](https://keras.io/api/layers/normalization_layers/batch_normalization/)
- [Keras `Conv2D` (`data_format`)](https://keras.io/api/layers/convolution_layers/convolution2d/)
"""

from keraslint.engine import names
from keraslint.engine.graph import UNKNOWN
from keraslint.keras_facts import KEEPS_CHANNELS
from keraslint.rules.base import Rule, finding, normalized_axis

SYMBOL = "keras-batchnorm-wrong-axis"


def check(graph, config):
    for bn in graph.applies_of({"BatchNormalization"}):
        axis = normalized_axis(bn)
        channels = channels_of(graph, bn)
        if axis is None or channels is None or axis == channels[0]:
            continue
        if _may_be_single_channel(bn, channels[0]):
            continue  # one channel: normalizing another axis (a spectrogram's frequencies) is a choice
        channel_axis, side, layer = channels
        where = layer.layer.describe() + (bn.carried_from(layer) if side == "output" else layer.carried_from(bn))
        channels_last = channel_axis == bn.rank - 1
        layout = "channels_last" if channels_last else "channels_first"
        fix = "-1" if channels_last else "1"
        yield finding(
            SYMBOL, bn.layer, bn.layer.get("axis", -1), axis, bn.rank, channel_axis, layout, side, where, fix
        )


def channels_of(graph, bn):
    """(channel axis, "output" or "input", layer application) for the BatchNormalization's
    input: where its producers put the channels, or else, for a tensor that only a Reshape
    or a Dense shaped, where every convolution it feeds (through layers that keep the
    channels where they are) reads them. None when neither is known."""
    if bn.channel_axis is not None:
        return bn.channel_axis, "output", bn.inputs[0][0]
    if bn.rank is None or len(bn.inputs) != 1 or bn.inputs[0][0].kind not in ("Reshape", "Dense"):
        return None
    readers = list(_channel_readers(graph, bn))
    if not readers or None in readers:
        return None
    axes = {reader.channel_axis for reader in readers}
    return (axes.pop(), "input", readers[0]) if len(axes) == 1 else None


def _channel_readers(graph, apply):
    """The convolutions the output of ``apply`` reaches through layers that keep its
    channels where they are; None for a path that ends anywhere else."""
    for consumer, _ in graph.consumers(apply):
        if consumer.kind in names.CONV_LAYERS and consumer.rank == apply.rank and consumer.channel_axis is not None:
            yield consumer
        elif consumer.kind in KEEPS_CHANNELS and len(consumer.inputs) == 1:
            yield from _channel_readers(graph, consumer) if graph.consumers(consumer) else (None,)
        else:
            yield None


def _may_be_single_channel(bn, channel_axis: int) -> bool:
    """Whether the BatchNormalization's input has one channel, or may have: its channel
    count is unknown because it reaches back, through layers that keep the channels as
    they are, to a tensor the engine cannot follow (a helper's parameter, an unknown call)."""
    if len(bn.inputs) != 1:
        return False
    producer = bn.inputs[0][0]
    shape = producer.output_shape
    if shape is not None and shape[channel_axis] is not UNKNOWN:
        return shape[channel_axis] == 1
    while producer.kind in KEEPS_CHANNELS and len(producer.inputs) == 1:
        producer = producer.inputs[0][0]
    return producer.kind == "?"


RULE = Rule(
    "E7302",
    SYMBOL,
    "BatchNormalization(axis=%s) normalizes axis %s of its rank-%s input, but the channels are on axis %s "
    "(%s %s of %s): use axis=%s",
    "BatchNormalization over a spatial or time axis instead of the channels",
    check,
)
