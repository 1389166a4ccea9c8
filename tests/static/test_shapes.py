"""The shape module through the builder, without keras: what it knows, and that what
it does not know stays unknown (the differential test against Keras is in tests/tools)."""

from __future__ import annotations

import textwrap

import astroid

from keraslint.engine import builder
from keraslint.engine.graph import UNKNOWN


def applies(source: str, scope: str = ""):
    analysis = builder.analyse(astroid.parse(textwrap.dedent(source)))
    graph = next(g for g in analysis.graphs if getattr(g.scope, "name", "") == scope)
    return [a for a in graph.applies if a.kind not in ("Input", "?")]


def test_keras1_spellings_and_first_layer_inputs():
    [conv, pool, flatten, dense] = applies(
        """
        from keras.models import Sequential
        from keras.layers import Convolution2D, MaxPooling2D, Flatten, Dense
        model = Sequential()
        model.add(Convolution2D(32, 3, 3, border_mode="same", input_shape=(28, 28, 1)))
        model.add(MaxPooling2D(pool_size=(2, 2)))
        model.add(Flatten())
        model.add(Dense(output_dim=10))
        """
    )
    assert conv.output_shape == (None, 28, 28, 32) and conv.shapes.parameters == 3 * 3 * 32 + 32
    assert pool.output_shape == (None, 14, 14, 32)
    assert flatten.output_shape == (None, 14 * 14 * 32)
    assert dense.shapes.parameters == 14 * 14 * 32 * 10 + 10


def test_unknown_input_keeps_the_rank_and_never_a_count():
    [conv, pool, dense] = applies(
        """
        import keras
        from keras import layers
        def build(shape):
            inputs = keras.Input(shape)
            x = layers.Conv2D(8, 3)(inputs)
            x = layers.MaxPooling2D()(x)
            return layers.Dense(4)(x)
        """,
        "build",
    )
    assert conv.output_shape == (None, UNKNOWN, UNKNOWN, 8) and conv.channel_axis == 3
    assert conv.shapes.variables is None and conv.shapes.reason == "input shape not known"
    assert pool.output_shape == (None, UNKNOWN, UNKNOWN, 8) and pool.shapes.parameters == 0
    assert dense.output_shape == (None, UNKNOWN, UNKNOWN, 4) and dense.shapes.parameters == 32 + 4


def test_a_window_larger_than_its_input_gives_no_number():
    [conv, pool] = applies(
        """
        import keras
        from keras import layers
        inputs = keras.Input((2, 2, 3))
        x = layers.Conv2D(8, 3)(inputs)
        y = layers.MaxPooling2D(4)(inputs)
        """
    )
    assert conv.output_shape == (None, UNKNOWN, UNKNOWN, 8)  # Keras refuses to build it
    assert pool.output_shape == (None, UNKNOWN, UNKNOWN, 3)


def test_producers_under_conditions_agree_dimension_by_dimension():
    [first, second, after] = applies(
        """
        import os
        import keras
        from keras import layers
        inputs = keras.Input((16,))
        if os.environ.get("WIDE"):
            x = layers.Dense(64)(inputs)
        else:
            x = layers.Dense(32)(inputs)
        y = layers.Dense(1)(x)
        """
    )
    assert (first.output_shape, second.output_shape) == ((None, 64), (None, 32))
    assert after.output_shape == (None, 1) and after.shapes.variables is None


def test_a_changed_image_data_format_makes_layouts_unknown():
    [conv] = applies(
        """
        import keras
        from keras import backend, layers
        backend.set_image_data_format("channels_first")
        inputs = keras.Input((3, 32, 32))
        x = layers.Conv2D(8, 3)(inputs)
        """
    )
    assert conv.channel_axis is None and conv.shapes.variables is None


def test_recurrent_wrappers_and_attention():
    lstm, bidirectional, mha, dense = applies(
        """
        import keras
        from keras import layers
        inputs = keras.Input((10, 16))
        x = layers.LSTM(8, return_sequences=True)(inputs)
        x = layers.Bidirectional(layers.GRU(4, return_sequences=True))(x)
        x = layers.MultiHeadAttention(num_heads=2, key_dim=3)(x, x)
        y = layers.TimeDistributed(layers.Dense(5))(x)
        """
    )
    assert lstm.output_shape == (None, 10, 8) and lstm.shapes.parameters == 4 * (16 * 8 + 8 * 8 + 8)
    assert bidirectional.output_shape == (None, 10, 8)
    assert bidirectional.shapes.parameters == 2 * (8 * 12 + 4 * 12 + 2 * 12)  # GRU reset_after: two biases
    assert mha.output_shape == (None, 10, 8) and mha.shapes.parameters == 3 * (8 * 2 * 3 + 2 * 3) + 2 * 3 * 8 + 8
    assert dense.output_shape == (None, 10, 5)


def test_permute_moves_the_channels_and_the_axis_rule_follows_them():
    [_, permute, bn] = applies(
        """
        import keras
        from keras import layers
        inputs = keras.Input((32, 32, 3))
        x = layers.Conv2D(8, 3, padding="same")(inputs)
        x = layers.Permute((3, 1, 2))(x)
        x = layers.BatchNormalization(axis=-1)(x)
        """
    )
    assert permute.output_shape == (None, 8, 32, 32) and permute.channel_axis == 1
    assert bn.channel_axis == 1 and bn.shapes.parameters == 4 * 32  # axis=-1 normalizes a width of 32


def test_augmented_assignments_in_an_unrolled_loop_give_each_iteration_its_value():
    convs_and_denses = applies(
        """
        import keras
        from keras import layers

        def build():
            x = inputs = keras.Input(shape=(32, 32, 3))
            filters = 8
            for _ in range(3):
                x = layers.Conv2D(filters, 3, padding="same")(x)
                filters *= 2
            x = layers.GlobalAveragePooling2D()(x)
            units = 64
            for _ in range(2):
                x = layers.Dense(units)(x)
                units //= 4
            return keras.Model(inputs, layers.Dense(units + 1)(x))
        """,
        "build",
    )
    widths = [a.output_shape[-1] for a in convs_and_denses if a.kind in ("Conv2D", "Dense")]
    assert widths == [8, 16, 32, 64, 16, 5]


def test_an_augmented_assignment_in_a_loop_of_unknown_length_stays_unknown():
    [conv] = applies(
        """
        import keras
        from keras import layers

        def build(blocks):
            x = inputs = keras.Input(shape=(32, 32, 3))
            filters = 8
            for _ in range(blocks):
                filters *= 2
            return keras.Model(inputs, layers.Conv2D(filters, 3)(x))
        """,
        "build",
    )
    assert conv.output_shape[-1] is UNKNOWN and conv.shapes.parameters is UNKNOWN


def test_module_constants_unpacked_from_a_tuple_and_changed_ones():
    [conv, dense] = applies(
        """
        import keras
        from keras import layers
        img_rows, img_cols = 28, 30
        units = 10
        units += 1

        def build():
            inputs = keras.Input(shape=(img_rows, img_cols, 1))
            x = layers.Conv2D(4, 3)(inputs)
            return keras.Model(inputs, layers.Dense(units)(x))
        """,
        "build",
    )
    assert conv.output_shape == (None, 26, 28, 4)
    assert dense.output_shape[-1] is UNKNOWN and dense.shapes.parameters is UNKNOWN
