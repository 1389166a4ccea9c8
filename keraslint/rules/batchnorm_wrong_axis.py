"""# keras-batchnorm-wrong-axis (E7302)

## What it does
Checks for a `BatchNormalization` whose `axis` is not the channel axis of its input,
where the input's rank and data format are known.
"""

from keraslint.rules.base import Rule, finding, normalized_axis

SYMBOL = "keras-batchnorm-wrong-axis"


def check(analysis, options):
    for graph in analysis.graphs:
        for bn in graph.applies_of({"BatchNormalization"}):
            axis = normalized_axis(bn)
            if axis is None or bn.channel_axis is None or axis == bn.channel_axis:
                continue
            source = bn.inputs[0][0].layer
            channels_last = bn.channel_axis == bn.rank - 1
            layout = "channels_last" if channels_last else "channels_first"
            fix = "-1" if channels_last else "1"
            yield finding(
                SYMBOL, bn.layer, bn.layer.get("axis", -1), axis, bn.rank, bn.channel_axis, layout, source.describe(), fix
            )


RULE = Rule(
    "E7302",
    SYMBOL,
    "BatchNormalization(axis=%s) normalizes axis %s of its rank-%s input, but the channels are on axis %s "
    "(%s output of %s): use axis=%s",
    "BatchNormalization over a spatial or time axis instead of the channels",
    check,
)
