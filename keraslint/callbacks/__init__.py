"""Keras 3 callbacks that watch what model.summary() cannot show.

Importing this package imports keras (the static plugin in ``keraslint`` does not).
"""

from keraslint.callbacks._common import KeraslintCallbackError
from keraslint.callbacks.batchnorm_monitor import BatchNormMonitor, BatchNormProblem
from keraslint.callbacks.frozen_weights import FrozenWeightsChanged, FrozenWeightsGuard

__all__ = [
    "BatchNormMonitor",
    "BatchNormProblem",
    "FrozenWeightsChanged",
    "FrozenWeightsGuard",
    "KeraslintCallbackError",
]
