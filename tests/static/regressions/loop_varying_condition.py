"""Reduced from keras-hub's xception_backbone.py and a common MLP idiom: a branch
that depends on the loop counter decides whether an activation separates two
iterations' layers. Which iteration takes the branch is unknown, so no edge between
iterations is assumed under it: no finding. Marked lines (pylint functional-test markers) must be flagged."""
from keras import layers


def xception_middle(x, stackwise_filters):
    for block_i, block_filters in enumerate(stackwise_filters):
        for conv_i, filters in enumerate(block_filters):
            # The first conv of the second block has no activation (its input is activated).
            if block_i != 1 or conv_i != 0:
                x = layers.ReLU()(x)
            x = layers.SeparableConv2D(filters, 3, padding="same", use_bias=False)(x)
            x = layers.BatchNormalization()(x)
    return x


def mlp(x, sizes):
    for i, units in enumerate(sizes):
        x = layers.Dense(units)(x)
        if i < len(sizes) - 1:
            x = layers.ReLU()(x)
    return x


def loop_invariant_branch(x, depth, use_activation):
    # The branch does not depend on the loop: when it is not taken, Dense feeds Dense.
    for _ in range(depth):
        x = layers.Dense(64)(x)  # [keras-stacked-linear-layers]
        if use_activation:
            x = layers.ReLU()(x)
    return x
