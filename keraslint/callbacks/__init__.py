"""Keras 3 callbacks that watch what model.summary() cannot show.

Importing this package imports keras (the static plugin in ``keraslint`` does not).
"""

from keraslint.callbacks._common import KeraslintCallbackError

__all__ = ["KeraslintCallbackError"]
