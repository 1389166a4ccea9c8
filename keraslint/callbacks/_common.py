"""Plumbing shared by the keraslint callbacks: argument checks, layer walking,
problem actions, atomic JSON reports and the never-crash-training guard."""

from __future__ import annotations

import functools
import json
import os
import tempfile
import warnings
from typing import Any, Callable, Iterator

ACTIONS = ("warn", "stop", "raise")


def check_choice(arg: str, value: Any, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        raise ValueError(
            f"`{arg}` must be one of {', '.join(repr(a) for a in allowed)}; received {arg}={value!r}"
        )
    return value


def check_positive_int(arg: str, value: Any, *, allow_none: bool = False) -> int | None:
    if value is None and allow_none:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"`{arg}` must be a positive integer; received {arg}={value!r}")
    return value


def check_epoch_or_batches(arg: str, value: Any) -> str | int:
    """`"epoch"`, or a positive integer number of batches; bools are refused."""
    if value != "epoch" and (isinstance(value, bool) or not isinstance(value, int) or value < 1):
        raise ValueError(
            f"`{arg}` must be 'epoch' or a positive integer number of batches; received {arg}={value!r}"
        )
    return value


def check_positive_float(arg: str, value: Any, *, maximum: float | None = None) -> float:
    """A real number > 0 (and <= ``maximum`` when given); bools are refused."""
    if (
        isinstance(value, bool)
        or not isinstance(value, (int, float))
        or not value > 0
        or (maximum is not None and not value <= maximum)
    ):
        bound = f" and at most {maximum}" if maximum is not None else ""
        raise ValueError(f"`{arg}` must be a positive number{bound}; received {arg}={value!r}")
    return float(value)


def check_path(arg: str, value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, (str, os.PathLike)) or not str(value):
        raise ValueError(f"`{arg}` must be a file path or None; received {arg}={value!r}")
    return os.fspath(value)


def walk_layers(model) -> Iterator[tuple[str, Any, Any]]:
    """Yield ``(path, layer, frozen_by)`` for every layer nested in ``model``.

    ``path`` joins layer names with "/" from the model down; ``frozen_by`` is the
    outermost layer or model whose own ``trainable`` is False (the layer itself
    included), or None when the layer trains.
    """

    def visit(layer, prefix: str, frozen_by):
        for child in getattr(layer, "_layers", ()):
            path = f"{prefix}/{child.name}" if prefix else child.name
            child_frozen_by = frozen_by or (None if child.trainable else child)
            yield path, child, child_frozen_by
            yield from visit(child, path, child_frozen_by)

    yield from visit(model, "", None if model.trainable else model)


def write_json_atomic(path: str, data: Any) -> None:
    """Write ``data`` as JSON so that readers never see a half-written file."""
    directory = os.path.dirname(os.path.abspath(path))
    os.makedirs(directory, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".keraslint-", suffix=".json", dir=directory)
    try:
        # mkstemp creates the file as 0600; give the report the mode open() would.
        os.chmod(tmp, 0o666 & ~_umask())
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle, indent=2, sort_keys=True, default=str)
            handle.write("\n")
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def _umask() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return umask


def never_crash_training(method: Callable) -> Callable:
    """Wrap a callback hook so that an internal error warns once and disables the
    callback instead of killing the user's training.

    Errors the callback raises on purpose (``on_*="raise"``) are subclasses of
    ``KeraslintCallbackError`` and pass through.
    """

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        if getattr(self, "_keraslint_disabled", False):
            return None
        try:
            return method(self, *args, **kwargs)
        except KeraslintCallbackError:
            raise
        except Exception as error:  # pylint: disable=broad-exception-caught
            self._keraslint_disabled = True
            warnings.warn(
                f"{type(self).__name__} disabled itself after an internal error in "
                f"{method.__name__}: {type(error).__name__}: {error}. Training goes on "
                "without it; please report this at the keraslint issue tracker.",
                RuntimeWarning,
                stacklevel=2,
            )
            return None

    return wrapper


class KeraslintCallbackError(RuntimeError):
    """Base class of the errors a keraslint callback raises on purpose."""
