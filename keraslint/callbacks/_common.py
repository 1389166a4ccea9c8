"""Keras-free plumbing of the keraslint callbacks: argument checks, atomic JSON
reports and the error class of problems raised on purpose."""

from __future__ import annotations

import json
import os
import tempfile
from typing import Any

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


class KeraslintCallbackError(RuntimeError):
    """Base class of the errors a keraslint callback raises on purpose."""
