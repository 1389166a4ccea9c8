"""What both keraslint callbacks share: the action on a problem, the report and its
file, the per-fit reset, the never-crash guarantee, warnings that point at the
user's ``fit()``, and reading variables in the middle of a JAX epoch."""

from __future__ import annotations

import functools
import os
import sys
import warnings
from typing import Any, Callable

import keras

import keraslint
from keraslint.callbacks._common import (
    ACTIONS,
    KeraslintCallbackError,
    check_choice,
    check_epoch_or_batches,
    check_path,
    write_json_atomic,
)

# The hooks Keras calls during fit(); those a subclass defines get the guard.
_HOOKS = ("on_train_begin", "on_epoch_begin", "on_train_batch_begin", "on_epoch_end", "on_train_end")
_INTERNAL_DIRS = tuple(
    os.path.dirname(os.path.abspath(module.__file__)) + os.sep for module in (keras, keraslint)
)


def warn_user(message: str, category: type[Warning] = UserWarning) -> None:
    """Warn with the location of the first frame outside keras and keraslint: the
    user's ``fit()`` call when a hook warns."""
    frame, level = sys._getframe(1), 2  # pylint: disable=protected-access
    while frame is not None and os.path.abspath(frame.f_code.co_filename).startswith(_INTERNAL_DIRS):
        frame, level = frame.f_back, level + 1
    warnings.warn(message, category, stacklevel=level)


def renamed_argument(new: str, new_value: Any, old: str, old_value: Any, default: Any) -> Any:
    """The value of an argument that was renamed: the old name still works, with a
    DeprecationWarning; both at once is an error."""
    if old_value is None:
        return new_value
    if new_value != default:
        raise ValueError(f"`{old}` is the old name of `{new}`: pass only `{new}`; received both")
    warnings.warn(f"`{old}` is deprecated; use `{new}={old_value!r}`", DeprecationWarning, stacklevel=3)
    return old_value


def _never_crash(hook: Callable) -> Callable:
    """An internal error in a hook warns once and disables the callback instead of
    killing the user's training. Errors raised on purpose (``on_problem="raise"``,
    a user's bad argument) subclass ``KeraslintCallbackError`` and pass through."""

    @functools.wraps(hook)
    def guarded(self, *args, **kwargs):
        if self._disabled:
            return None
        try:
            return hook(self, *args, **kwargs)
        except KeraslintCallbackError:
            raise
        except Exception as error:  # pylint: disable=broad-exception-caught
            self._disabled = True
            warn_user(
                f"{type(self).__name__} disabled itself after an internal error in "
                f"{hook.__name__}: {type(error).__name__}: {error}. Training goes on "
                "without it; please report this at the keraslint issue tracker.",
                RuntimeWarning,
            )
            return None

    return guarded


class KeraslintCallback(keras.callbacks.Callback):
    """Base of the keraslint callbacks (as Keras has ``MonitorCallback`` for
    ``EarlyStopping`` and ``ReduceLROnPlateau``).

    Subclasses set ``problem_error``, implement ``_reset()`` (the per-fit state,
    called as every fit begins), ``_begin_training()`` (the rest of
    ``on_train_begin``) and ``_file_report()`` (what ``report_path`` receives),
    and report problems through ``_problem()``. Every
    hook a subclass defines runs under the never-crash guard. They never
    define ``on_train_batch_end``: any callback that does makes Keras wait for
    every step and turn its logs into numbers, which ends asynchronous dispatch.
    """

    problem_error: type[KeraslintCallbackError] = KeraslintCallbackError

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        for name in _HOOKS:
            if name in cls.__dict__:
                setattr(cls, name, _never_crash(cls.__dict__[name]))

    def __init__(self, *, every, on_problem, report_path):
        super().__init__()
        self.every = check_epoch_or_batches("every", every)
        self.on_problem = check_choice("on_problem", on_problem, ACTIONS)
        self.report_path = check_path("report_path", report_path)
        self._disabled = False

    def set_model(self, model):
        super().set_model(model)
        self._disabled = False  # a new fit(), a new chance after an internal error

    def on_train_begin(self, logs=None):
        self._reset()
        self._begin_training()

    on_train_begin = _never_crash(on_train_begin)

    def _reset(self) -> None:
        raise NotImplementedError

    def _begin_training(self) -> None:
        raise NotImplementedError

    def _problem(self, message: str) -> None:
        """Act on a problem as ``on_problem`` says."""
        if self.on_problem == "raise":
            self._write_report()
            raise self.problem_error(message)
        warn_user(message)
        if self.on_problem == "stop":
            self._model.stop_training = True

    def _file_report(self) -> Any:
        raise NotImplementedError

    def _write_report(self) -> None:
        if self.report_path:
            write_json_atomic(self.report_path, self._file_report())


# Device results a callback may leave unread while they compute; past this many it
# reads the oldest anyway, so that memory stays bounded.
MAX_UNREAD = 64


def is_ready(tensor) -> bool:
    """Whether reading a device result now would not wait for the device: known
    for JAX arrays; assumed elsewhere (there the read waits, if at all, for a result
    dispatched a batch earlier)."""
    check = getattr(tensor, "is_ready", None)
    return bool(check()) if callable(check) else True


class LiveValues:
    """Reads the current values of some variables without a host sync.

    In the middle of a JAX epoch the training state lives outside the model;
    ``Callback.model`` copies all of it back into the variables, and Keras then
    gathers it again before the next step: two passes over every variable of the
    model, per batch. Reading the state where it is avoids both.
    """

    _STATE_KEYS = ("trainable_variables", "non_trainable_variables")

    def __init__(self, model, variables: list):
        self._model, self.variables = model, list(variables)
        self._positions = None
        if keras.backend.backend() == "jax":
            index = {}
            for key in self._STATE_KEYS:
                for position, variable in enumerate(getattr(model, key)):
                    index.setdefault(id(variable), (key, position))
            positions = [index.get(id(v)) for v in self.variables]
            self._positions = None if None in positions else positions

    def values(self) -> list:
        model = self._model
        state = getattr(model, "_jax_state", None)
        if self._positions is not None and state and not getattr(model, "_jax_state_synced", True):
            return [state[key][position] for key, position in self._positions]
        return [v.value for v in self.variables]
