"""Keras 3 callbacks that watch what model.summary() cannot show.

Importing this package imports keras (the static plugin in ``keraslint`` does not).
"""

try:
    import keras  # noqa: F401  (the callbacks run inside Keras 3)
except ModuleNotFoundError as missing:
    if missing.name != "keras":
        raise
    raise ImportError(
        "keraslint.callbacks needs Keras 3 and a backend: install them with "
        '`pip install "keraslint[callbacks]"`'
    ) from missing

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
