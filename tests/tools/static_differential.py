"""Compare the static report of a model definition with the model Keras builds from it.

Used by ``test_static_differential.py`` and ``benchmarks/static_coverage.py``. Keras's
layer names restart from a cleared session, so the static report's names (those a fresh
Keras process gives) identify the same layers."""

from __future__ import annotations

import dataclasses
import runpy
from pathlib import Path

import keras

from keraslint.static_explain import explain_source

ROOT = Path(__file__).resolve().parents[2]
MODEL_DIR = ROOT / "tests" / "data" / "models"
# (file, build function or module-level model) for every model definition the tests know.
TARGETS = [
    *((path, "build" if "\ndef build(" in path.read_text() else "model") for path in sorted(MODEL_DIR.glob("*.py"))),
    (ROOT / "examples" / "seed_cnn.py", "build_seed_cnn"),
    (ROOT / "examples" / "seed_cnn.py", "build_fixed_cnn"),
    (ROOT / "examples" / "batchnorm_axis_typo.py", "happy_model"),
    (ROOT / "examples" / "batchnorm_axis_typo.py", "happy_model_with_typo"),
    *((ROOT / "tests" / "tools" / "explain_models.py", name)
      for name in ("seed_cnn", "wrong_axis_cnn", "bias_before_batchnorm", "flatten_dense", "frozen_transfer")),
]


@dataclasses.dataclass
class Comparison:
    target: str
    layers: int = 0  # Keras layers compared
    exact_counts: int = 0  # layers whose parameter count the static report gives
    exact_shapes: int = 0  # layers whose output shape it gives in full
    wrong: list = dataclasses.field(default_factory=list)  # every disagreement: must stay empty
    complete: bool = False

    @property
    def coverage(self) -> str:
        if self.complete and self.exact_shapes == self.layers:
            return "exact"
        return "unknown" if self.exact_counts == 0 and self.layers else "partly unknown"


def keras_layers(model, prefix=""):
    """(path, layer) for every layer, nested Sequential and functional models opened."""
    for layer in model.layers:
        if isinstance(layer, keras.layers.InputLayer):
            continue
        if type(layer).__name__ in ("Sequential", "Functional"):
            yield from keras_layers(layer, prefix + layer.name + "/")
        else:
            yield prefix + layer.name, layer


def build_with_keras(path: Path, name: str):
    keras.backend.clear_session()
    namespace = runpy.run_path(str(path), run_name="_differential")
    value = namespace[name]
    return value if isinstance(value, keras.Model) else value()


def compare(path: Path, name: str) -> Comparison:
    model = build_with_keras(path, name)
    report = explain_source(str(path), name)
    result = Comparison(f"{path.relative_to(ROOT)}:{name}", complete=report.complete)
    static = {layer.path: layer for layer in report.layers}
    matched = set()
    for layer_path, layer in keras_layers(model):
        result.layers += 1
        found = static.get(layer_path)
        if found is None:
            if any(layer_path.startswith(row + "/") for row in static):
                continue  # inside a keras.applications model, which the static report gives as one row
            if report.complete:
                result.wrong.append(f"{layer_path}: in Keras, missing from a complete static report")
            continue
        if not _same_layer(found, layer):
            continue  # names after a custom layer or a condition may differ from Keras's: matched by value below
        matched.add(layer_path)
        if found.class_name not in (type(layer).__name__, "?"):
            result.wrong.append(f"{layer_path}: {found.class_name} statically, {type(layer).__name__} in Keras")
        if found.unknown is None:
            if found.total != layer.count_params():
                result.wrong.append(f"{layer_path}: {found.total} parameters statically, {layer.count_params()} in Keras")
            else:
                result.exact_counts += 1
        shape = _keras_output_shape(layer)
        if found.output_shape is not None and shape is not None:
            # The batch axis is None statically; Keras gives a number where the model was built on data.
            if len(found.output_shape) != len(shape) or any(
                s != "?" and s != k and not (axis == 0 and s is None)
                for axis, (s, k) in enumerate(zip(found.output_shape, shape))
            ):
                result.wrong.append(f"{layer_path}: output {found.output_shape} statically, {shape} in Keras")
            elif "?" not in found.output_shape:
                result.exact_shapes += 1
    unmatched = [layer for path, layer in keras_layers(model) if path not in matched]
    for layer_path, layer in static.items():
        if layer_path in matched or layer.unknown is not None or not layer.total:
            continue
        inside = [inner for path, inner in keras_layers(model) if path.startswith(layer_path + "/")]
        same = [k for k in unmatched if type(k).__name__ == layer.class_name and k.count_params() == layer.total]
        if not inside and same:
            unmatched.remove(same[0])  # named differently (see above), same layer and count
            result.exact_counts += 1
        elif not inside:  # a keras.applications model is one row of the static report
            result.wrong.append(f"{layer_path}: counted statically ({layer.total}), not a layer of the Keras model")
        elif layer.total != sum(inner.count_params() for inner in inside):
            result.wrong.append(f"{layer_path}: {layer.total} parameters statically, Keras's layers inside differ")
        else:
            result.exact_counts += len(inside)
    totals = (report.total, report.trainable, report.non_trainable)
    actual = (model.count_params(), _count(model.trainable_weights), _count(model.non_trainable_weights))
    if report.complete and totals != actual:
        result.wrong.append(f"totals {totals} statically, {actual} in Keras")
    if not report.complete and any(s > k for s, k in zip(totals, actual)):
        result.wrong.append(f"lower bounds {totals} above Keras's {actual}")
    return result


def _same_layer(found, layer) -> bool:
    """Whether a static row and the Keras layer of the same name are the same layer: same
    class, and the same count where the static report gives one."""
    if found.class_name != type(layer).__name__:
        return found.class_name == "?"
    return found.unknown is not None or found.total == layer.count_params()


def _keras_output_shape(layer):
    try:
        return tuple(layer.output.shape)
    except (AttributeError, ValueError, RuntimeError):
        return None  # a shared layer, or one inside a subclassed model


def _count(variables) -> int:
    total = 0
    for variable in variables:
        size = 1
        for dim in variable.shape:
            size *= int(dim)
        total += size
    return total
