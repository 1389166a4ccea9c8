"""The rule set: small checkers over the model graph, one module each.

Each module's docstring is the rule's documentation page (``docs/rules/<symbol>.md``
is generated from it by ``python -m keraslint.docgen``); its ``RULE`` record holds
the message id, symbol, message, options and the ``check(graph, config)`` function,
which the checker calls once per graph (module, function or class scope) with the
linter's configuration. Adding a rule: one module here, one line in ``ALL_RULES``.
"""

from keraslint.rules import (
    batchnorm_on_raw_input,
    batchnorm_wrong_axis,
    bias_before_batchnorm,
    constant_kernel_initializer,
    dense_on_unflattened,
    dense_widening,
    dropout_before_batchnorm,
    dropout_before_pooling,
    filters_decreasing,
    flatten_dense_parameters,
    frozen_base_training_mode,
    kernel_size_growing,
    label_encoding_mismatch,
    legacy_keras_layer,
    loss_activation_mismatch,
    merge_shape_mismatch,
    no_downsampling,
    output_keeps_axis,
    probabilities_loss_on_logits,
    recurrent_without_time_axis,
    redundant_activation,
    softmax_with_from_logits,
    stacked_linear_layers,
    trainable_after_compile,
    window_larger_than_input,
)
from keraslint.rules.base import Finding, Rule

ALL_RULES: tuple[Rule, ...] = tuple(
    module.RULE
    for module in (
        bias_before_batchnorm,
        batchnorm_wrong_axis,
        trainable_after_compile,
        softmax_with_from_logits,
        probabilities_loss_on_logits,
        loss_activation_mismatch,
        dropout_before_batchnorm,
        stacked_linear_layers,
        frozen_base_training_mode,
        batchnorm_on_raw_input,
        dense_on_unflattened,
        redundant_activation,
        label_encoding_mismatch,
        constant_kernel_initializer,
        legacy_keras_layer,
        dropout_before_pooling,
        filters_decreasing,
        dense_widening,
        kernel_size_growing,
        no_downsampling,
        window_larger_than_input,
        flatten_dense_parameters,
        recurrent_without_time_axis,
        merge_shape_mismatch,
        output_keeps_axis,
    )
)
RULES_BY_SYMBOL = {rule.symbol: rule for rule in ALL_RULES}

__all__ = ["ALL_RULES", "RULES_BY_SYMBOL", "Finding", "Rule"]
