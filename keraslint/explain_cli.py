"""``keraslint explain``: the parameter report of a saved model, a build function or a model object.

MODEL is one of
  ``model.keras``                 a saved model, loaded in Keras's safe mode (legacy ``.h5`` too);
  ``package.module:build_fn``     a function imported from an installed or local module;
  ``path/to/file.py:build_fn``    a function from a Python file;
  ``path/to/file.py:model``       a module-level model object.
Build functions are called with no arguments and must return a Keras model.

With ``--static``, or when keras is not installed, the report is read from the source
code (:mod:`keraslint.static_explain`): no keras import, nothing of the user's file run.

``keraslint.cli`` calls :func:`add_arguments` and :func:`run`. Bad input (a missing
file, a corrupt archive, an import error, a function that fails or returns no model,
an unbuilt model) is one line on stderr and exit code 2, never a traceback. This
module imports keras only inside :func:`run`, so ``keraslint`` stays keras-free.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import json
import os
import sys
import zipfile

USAGE_ERROR = 2


class ExplainInputError(Exception):
    """Input ``keraslint explain`` cannot turn into a model; the message is the one line shown."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the ``explain`` arguments to ``parser``."""
    parser.add_argument(
        "model",
        metavar="MODEL",
        help="a saved model (model.keras), package.module:build_fn, path/to/file.py:build_fn or path/to/file.py:model",
    )
    parser.add_argument(
        "--static",
        action="store_true",
        help="read the model from its source code without importing keras or running the file "
        "(the default when keras is not installed)",
    )
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    parser.add_argument(
        "--unsafe",
        action="store_true",
        help="let a .keras file run the Python code of its Lambda layers; only for files you trust",
    )
    parser.add_argument(
        "--input-shape",
        metavar="DIMS",
        type=_parse_input_shape,
        help="build an unbuilt model for inputs of this shape, batch dimension left out, e.g. 128,128,3",
    )


def run(args: argparse.Namespace) -> int:
    """Print the parameter report of ``args.model``; return the exit code."""
    static = args.static or not _keras_installed()
    if static and not args.static:
        print("keraslint explain: keras is not installed: reading the model from its source (--static)", file=sys.stderr)
    try:
        report = _explain_static(args) if static else _explain_target(args)
    except ExplainInputError as error:
        print(f"keraslint explain: error: {error}", file=sys.stderr)
        return USAGE_ERROR
    print(json.dumps(report.to_dict(), indent=2) if args.format == "json" else report)
    return 0


def _keras_installed() -> bool:
    try:
        return importlib.util.find_spec("keras") is not None
    except (ImportError, ValueError):
        return False


def _explain_static(args: argparse.Namespace):
    from keraslint import static_explain  # pylint: disable=import-outside-toplevel

    location, name = _parse_target(args.model)
    if name is None:
        raise ExplainInputError(
            f"{location} is a saved model: reading it needs keras (pip install 'keraslint[tensorflow]'); "
            "--static reads build functions and models from Python source"
        )
    if args.input_shape:
        raise ExplainInputError("--input-shape needs keras; --static takes the input from the source")
    try:
        path = location if _is_file(location) else static_explain.find_module_file(location)
        return static_explain.explain_source(path, name)
    except static_explain.StaticExplainError as error:
        raise ExplainInputError(str(error)) from None


def _explain_target(args: argparse.Namespace):
    location, function_name = _parse_target(args.model)
    keras = _import_keras_quietly()
    from keraslint.accounting import ModelNotBuiltError, explain  # pylint: disable=import-outside-toplevel

    if function_name is None:
        model = _load_saved_model(keras, location, unsafe=args.unsafe)
    else:
        model = _model_from_code(keras, location, function_name)
    if args.input_shape and not model.built:
        _build_for(keras, model, args.input_shape)
    try:
        return explain(model)
    except ModelNotBuiltError as error:
        raise ExplainInputError(f"{error}; or pass --input-shape") from None


def _build_for(keras, model, input_shape: tuple[int, ...]) -> None:
    """Build an unbuilt model for ``--input-shape``: Sequential and functional models
    through ``build``; a subclassed model by calling it on zeros, since its ``build``
    cannot know which layers ``call`` uses."""
    try:
        if isinstance(model, keras.Sequential) or type(model).__name__ == "Functional":
            model.build((None, *input_shape))
        else:
            model(keras.ops.zeros((1, *input_shape)))
    except Exception as error:  # pylint: disable=broad-exception-caught
        message = f"cannot build model '{model.name}' for --input-shape: {_one_line(error)}"
        raise ExplainInputError(message) from None


_SAVED_MODEL_SUFFIXES = (".keras", ".h5", ".hdf5")


def _parse_target(target: str) -> tuple[str, str | None]:
    """``(path or module, function or model name)``, the name None for a saved model;
    checked before keras is imported so that typos fail fast."""
    location, _, function_name = target.rpartition(":")
    if location.endswith(_SAVED_MODEL_SUFFIXES):
        raise ExplainInputError(
            f"{location} is a saved model, not Python code: use `keraslint explain {location}` without ':{function_name}'"
        )
    if target.endswith(_SAVED_MODEL_SUFFIXES):
        location, function_name = target, None
        if os.path.isdir(location):
            raise ExplainInputError(
                f"{location} is a directory, not a saved .keras file (a TensorFlow SavedModel? Keras 3 cannot load "
                "those as models: re-save from the code that built it with model.save('model.keras'))"
            )
    elif not function_name.isidentifier() or not (
        _is_file(location) or all(part.isidentifier() for part in location.split("."))
    ):
        raise ExplainInputError(
            f"expected MODEL.keras, package.module:build_fn or path/to/file.py:build_fn; got {target!r}"
        )
    if not _is_file(location):
        _find_package(location)
    elif not os.path.isfile(location):
        raise ExplainInputError(f"no such file: {location}")
    elif function_name is None and location.endswith(".keras") and not zipfile.is_zipfile(location):
        raise ExplainInputError(f"{location} is not a .keras archive (not a zip file); is it corrupt or truncated?")
    return location, function_name


def _is_file(location: str) -> bool:
    return location.endswith((*_SAVED_MODEL_SUFFIXES, ".py")) or os.sep in location or "/" in location


def _parse_input_shape(text: str) -> tuple[int, ...]:
    try:
        dims = tuple(int(dim) for dim in text.split(","))
    except ValueError:
        dims = ()
    if not dims or min(dims) < 1:
        raise argparse.ArgumentTypeError(f"expected positive integers like 128,128,3; got {text!r}")
    return dims


def _import_keras_quietly():
    """Import keras with TensorFlow's start-up chatter silenced: it writes C++ log
    lines straight to file descriptor 2, which would bury the one-line errors."""
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    sys.stderr.flush()
    saved_stderr = os.dup(2)
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 2)
        import keras  # pylint: disable=import-outside-toplevel
    finally:
        sys.stderr.flush()
        os.dup2(saved_stderr, 2)
        os.close(saved_stderr)
        os.close(devnull)
    return keras


def _load_saved_model(keras, path: str, *, unsafe: bool):
    try:
        return keras.saving.load_model(path, compile=False, safe_mode=not unsafe)
    except Exception as error:  # pylint: disable=broad-exception-caught
        if not path.endswith(".keras"):
            raise ExplainInputError(
                f"cannot load legacy HDF5 file {path}: {_one_line(error)}; Keras 3 reads .h5 models only with h5py "
                "installed (pip install h5py) and built-in layers; else re-save it as .keras with the Keras that wrote it"
            ) from None
        if "safe_mode" in str(error):
            raise ExplainInputError(
                f"{path} holds Python code (a Lambda layer) that safe mode will not run; "
                "pass --unsafe to load it if you trust the file"
            ) from None
        raise ExplainInputError(f"cannot load {path}: {_one_line(error)}") from None


def _model_from_code(keras, location: str, function_name: str):
    """A module-level model object, or what calling the build function returns."""
    target = f"{location}:{function_name}"
    module = _import_file(location) if _is_file(location) else _import_module(location)
    function = getattr(module, function_name, None)
    if function is None:
        raise ExplainInputError(f"{location} has no function {function_name!r}")
    if isinstance(function, keras.Model):
        return function
    if not callable(function):
        raise ExplainInputError(f"{target} is a {type(function).__name__}, not a function")
    try:
        model = function()
    except Exception as error:  # pylint: disable=broad-exception-caught
        raise ExplainInputError(f"{target}() raised {_one_line(error)}") from None
    if not isinstance(model, keras.Model):
        raise ExplainInputError(f"{target}() returned {type(model).__name__}, not a Keras model")
    return model


def _find_package(name: str) -> None:
    """Check that the top-level package of module ``name`` exists, without importing it."""
    # Like `python -c`, let modules in the current directory be found.
    if os.getcwd() not in sys.path:
        sys.path.insert(0, os.getcwd())
    package = name.partition(".")[0]
    if importlib.util.find_spec(package) is None:
        raise ExplainInputError(f"cannot import {name}: no module named {package!r}")


def _import_module(name: str):
    try:
        return importlib.import_module(name)
    except Exception as error:  # pylint: disable=broad-exception-caught
        raise ExplainInputError(f"cannot import {name}: {_one_line(error)}") from None


def _import_file(path: str):
    # Like `python path/to/file.py`, let the file import its neighbours.
    sys.path.insert(0, os.path.dirname(os.path.abspath(path)))
    module_name = "_keraslint_explain_" + os.path.splitext(os.path.basename(path))[0]
    spec = importlib.util.spec_from_file_location(module_name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    try:
        spec.loader.exec_module(module)
    except Exception as error:  # pylint: disable=broad-exception-caught
        raise ExplainInputError(f"cannot import {path}: {_one_line(error)}") from None
    return module


def _one_line(error: BaseException) -> str:
    """``TypeName: message`` with the message's lines and runs of spaces joined."""
    message = " ".join(str(error).split())
    return f"{type(error).__name__}: {message}" if message else type(error).__name__
