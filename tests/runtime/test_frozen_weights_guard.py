"""FrozenWeightsGuard on real Keras models, on whichever backend KERAS_BACKEND picks."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import textwrap
import warnings

import keras
import numpy as np
import pytest
from keras import layers

from keraslint.callbacks import FrozenWeightsChanged, FrozenWeightsGuard, KeraslintCallbackError

BACKEND = keras.backend.backend()


@pytest.fixture(autouse=True)
def _seeded():
    keras.utils.set_random_seed(0)


def data(n=32, features=4):
    rng = np.random.default_rng(0)
    return rng.normal(size=(n, features)).astype("float32"), rng.normal(size=(n, 1)).astype("float32")


def two_dense_model():
    inputs = keras.Input((4,))
    hidden = layers.Dense(8, name="d1")(inputs)
    return keras.Model(inputs, layers.Dense(1, name="d2")(hidden), name="two_dense")


def values(layer):
    return [np.array(keras.ops.convert_to_numpy(w)) for w in layer.weights]


def same_bits(before, after):
    return all(a.tobytes() == b.tobytes() for a, b in zip(before, after))


class ShiftKernel(keras.callbacks.Callback):
    """Assigns to a frozen kernel after every batch, as a buggy callback would."""

    def __init__(self, layer_name):
        super().__init__()
        self.layer_name = layer_name

    def on_train_batch_end(self, batch, logs=None):
        kernel = self.model.get_layer(self.layer_name).kernel
        kernel.assign(kernel + 0.5)


class FirstStepMarker(keras.callbacks.Callback):
    """Remembers how many warnings had been issued when the first step began."""

    def __init__(self, caught):
        super().__init__()
        self.caught, self.warnings_before_first_step = caught, None

    def on_train_batch_begin(self, batch, logs=None):
        if self.warnings_before_first_step is None:
            self.warnings_before_first_step = len(self.caught)


def guard_messages(caught):
    return [str(w.message) for w in caught if "FrozenWeightsGuard" in str(w.message)]


def fit_noting_first_step(model, guard, x, y, fails=None):
    """Fit with the guard; return its messages from before the first step and
    from after it. `fails`: a pattern of the ValueError Keras is expected to raise."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        marker = FirstStepMarker(caught)
        with pytest.raises(ValueError, match=fails) if fails else contextlib.nullcontext():
            model.fit(x, y, epochs=2, verbose=0, callbacks=[guard, marker])
    first_step = marker.warnings_before_first_step
    return guard_messages(caught[:first_step]), guard_messages(caught[first_step:] if first_step is not None else [])


def test_freeze_after_fit_without_recompile_is_reported_as_this_backend_behaves():
    x, y = data()
    model = two_dense_model()
    model.compile("adam", "mse")
    guard = FrozenWeightsGuard()
    model.fit(x, y, epochs=1, verbose=0, callbacks=[guard])
    model.get_layer("d1").trainable = False
    before = values(model.get_layer("d1"))

    early, later = fit_noting_first_step(model, guard, x, y, fails="optimizer" if BACKEND == "jax" else None)

    (change,) = guard.report["trainable_state_changes"]
    assert change["change"] == "frozen" and change["layers"] == ["d1"]
    if BACKEND == "tensorflow":
        assert change["effect"] == "keeps_training"
        # Told once the first step has shown that fit() reused the old trace; the
        # changes it let through are in the report, without a warning of their own.
        assert early == []
        assert len(later) == 1 and "'d1' was frozen" in later[0] and "keeps training" in later[0]
        assert not same_bits(before, values(model.get_layer("d1")))
        kernel = next(v for v in guard.report["violations"] if v["variable"].endswith("d1/kernel"))
        assert kernel["layer"] == "d1" and kernel["epoch"] == 0
        assert kernel["cause"] == "trainable_state" and kernel["fraction_changed"] == 1.0
    elif BACKEND == "jax":
        assert change["effect"] == "value_error"
        assert len(early) == 1 and "'d1' was frozen" in early[0] and "ValueError" in early[0]
    else:
        assert change["effect"] == "applied"
        assert early == [] and guard.report["violations"] == []
        assert same_bits(before, values(model.get_layer("d1")))


@pytest.mark.skipif(BACKEND != "tensorflow", reason="only TensorFlow traces the trainable "
                    "variables into its train function (JAX rejects the freeze, torch applies it)")
def test_freeze_after_fit_is_quiet_when_new_batch_shapes_make_fit_trace_again():
    x, y = data(n=96)
    model = two_dense_model()
    model.compile("sgd", "mse")
    model.fit(x, y, batch_size=32, epochs=1, verbose=0)
    model.get_layer("d1").trainable = False
    before = values(model.get_layer("d1"))
    guard = FrozenWeightsGuard()

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        model.fit(x, y, batch_size=48, epochs=2, verbose=0, callbacks=[guard])

    assert guard_messages(caught) == []
    (change,) = guard.report["trainable_state_changes"]
    assert change["effect"] == "retraced" and "message" not in change
    assert same_bits(before, values(model.get_layer("d1"))) and guard.report["violations"] == []


def test_unfreeze_after_fit_without_recompile_is_reported_as_this_backend_behaves():
    x, y = data()
    model = frozen_first_layer_model("functional")
    guard = FrozenWeightsGuard()
    model.fit(x, y, epochs=1, verbose=0, callbacks=[guard])
    model.get_layer("d1").trainable = True
    before = values(model.get_layer("d1"))

    # TensorFlow's traced train function leaves d1 alone; JAX's and torch's optimizers,
    # built without d1, fail on it.
    keras_error = {"jax": "optimizer_variables", "torch": "Unknown variable"}.get(BACKEND)
    early, _ = fit_noting_first_step(model, guard, x, y, fails=keras_error)

    (change,) = guard.report["trainable_state_changes"]
    assert change["change"] == "unfrozen" and change["layers"] == ["d1"]
    assert len(early) == 1 and "'d1' was unfrozen" in early[0] and "fresh optimizer" in early[0]
    if BACKEND == "tensorflow":
        assert change["effect"] == "not_trained" and "is not trained" in early[0]
        assert same_bits(before, values(model.get_layer("d1")))
    else:
        assert change["effect"] == "value_error" and "ValueError" in early[0]


def test_freeze_then_compile_with_the_same_optimizer_object():
    """The first fit() is one the guard did not watch: on TensorFlow, compile()
    made a new train function, so the freeze applies; JAX's optimizer fails."""
    x, y = data()
    model = two_dense_model()
    optimizer = keras.optimizers.Adam()
    model.compile(optimizer, "mse")
    model.fit(x, y, epochs=1, verbose=0)
    model.get_layer("d1").trainable = False
    model.compile(optimizer, "mse")
    before = values(model.get_layer("d1"))
    guard = FrozenWeightsGuard()

    early, _ = fit_noting_first_step(model, guard, x, y, fails="optimizer_variables" if BACKEND == "jax" else None)

    (change,) = guard.report["trainable_state_changes"]
    if BACKEND == "jax":
        assert change["effect"] == "value_error" and len(early) == 1
    else:
        assert change["effect"] == "applied" and early == []
        assert same_bits(before, values(model.get_layer("d1")))
        assert guard.report["violations"] == []


def test_trainable_change_with_an_ema_optimizer_predicts_keras_value_error():
    x, y = data()
    model = two_dense_model()
    optimizer = keras.optimizers.Adam(use_ema=True, ema_overwrite_frequency=1)
    model.compile(optimizer, "mse")
    guard = FrozenWeightsGuard()
    model.fit(x, y, epochs=1, verbose=0, callbacks=[guard])
    model.get_layer("d1").trainable = False
    model.compile(optimizer, "mse")

    early, _ = fit_noting_first_step(model, guard, x, y, fails="Shape mismatch|length of model variables")

    (change,) = guard.report["trainable_state_changes"]
    assert change["effect"] == "ema_value_error"
    assert len(early) == 1 and "use_ema=True" in early[0] and "fresh optimizer" in early[0]


class TrainOtherModel(keras.callbacks.Callback):
    """At each epoch's end, trains another model that shares layer `shared`."""

    def __init__(self, other, shared, x, y):
        super().__init__()
        self.other, self.shared, self.x, self.y = other, shared, x, y

    def on_epoch_end(self, epoch, logs=None):
        self.shared.trainable = True
        self.other.fit(self.x, self.y, epochs=1, verbose=0)
        self.shared.trainable = False


def test_layer_shared_with_a_model_training_meanwhile_is_named_as_the_cause():
    x, y = data()
    model = two_dense_model()
    shared = model.get_layer("d1")
    inputs = keras.Input((4,))
    other = keras.Model(inputs, layers.Dense(1)(shared(inputs)))
    other.compile("adam", "mse")
    shared.trainable = False
    model.compile("adam", "mse")
    guard = FrozenWeightsGuard()
    with pytest.warns(UserWarning, match="shared with another model"):
        model.fit(x, y, epochs=1, verbose=0, callbacks=[TrainOtherModel(other, shared, x, y), guard])
    assert {(v["variable"], v["cause"]) for v in guard.report["violations"]} == {
        (shared.kernel.path, "shared_layer"), (shared.bias.path, "shared_layer")
    }


def test_freeze_then_compile_is_clean():
    x, y = data()
    model = two_dense_model()
    model.compile("adam", "mse")
    model.fit(x, y, epochs=1, verbose=0)
    model.get_layer("d1").trainable = False
    model.compile("adam", "mse")
    guard = FrozenWeightsGuard()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        history = model.fit(x, y, epochs=2, verbose=0, callbacks=[guard])

    assert guard_messages(caught) == []
    assert guard.report["trainable_state_changes"] == [] and guard.report["violations"] == []
    assert guard.report["guarded"]["layers"] == ["d1"]
    assert history.history["frozen_weights_violations"] == [0, 0]
    assert history.history["frozen_weights_max_change"] == [0.0, 0.0]


def test_fine_tuning_a_frozen_application_with_a_new_head_is_clean(tmp_path):
    base = keras.applications.MobileNet(
        input_shape=(32, 32, 3), alpha=0.25, include_top=False, weights=None
    )
    base.trainable = False
    inputs = keras.Input((32, 32, 3))
    features = layers.GlobalAveragePooling2D()(base(inputs, training=False))
    model = keras.Model(inputs, layers.Dense(3, activation="softmax", name="head")(features))
    model.compile("adam", "sparse_categorical_crossentropy")
    images = np.random.default_rng(0).uniform(size=(16, 32, 32, 3)).astype("float32")
    labels = np.arange(16) % 3
    report_path = tmp_path / "guard.json"
    head = model.get_layer("head")
    head_before = values(head)

    guard = FrozenWeightsGuard(report_path=report_path)
    with warnings.catch_warnings():
        # An untrained base shrinks its features to ~1e-15, too small to move the
        # head's kernel: the guard rightly lists it as unmoved (checked below).
        warnings.simplefilter("ignore")
        model.fit(images, labels, epochs=2, batch_size=8, verbose=0, callbacks=[guard])

    report = json.loads(report_path.read_text())
    assert report["violations"] == [] and report["trainable_state_changes"] == []
    did_not_move = {
        weight.path for weight, old, new in zip(head.weights, head_before, values(head))
        if old.tobytes() == new.tobytes()
    }
    assert {entry["variable"] for entry in report["unmoved_trainable"]} == did_not_move
    assert report["guarded"]["variables"] == len(base.weights)
    assert report["guarded"]["parameters"] == base.count_params()
    assert report["guarded"]["snapshot_bytes"] == 4 * base.count_params()
    assert any(path.endswith("_bn") for path in report["guarded"]["layers"])


def bn_base_called_with_training_false():
    base = keras.Sequential(
        [keras.Input((4,)), layers.Dense(8), layers.BatchNormalization(name="bn")], name="base"
    )
    inputs = keras.Input((4,))
    outputs = layers.Dense(1)(base(inputs, training=False))
    return keras.Model(inputs, outputs), base.get_layer("bn")


def test_training_false_base_batchnorm_statistics_are_guarded():
    x, y = data()
    model, bn = bn_base_called_with_training_false()
    model.compile("adam", "mse")
    before = keras.ops.convert_to_numpy(bn.moving_mean).copy()
    guard = FrozenWeightsGuard()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model.fit(x * 3 + 2, y, epochs=1, verbose=0, callbacks=[guard])

    statistics_moved = not np.array_equal(before, keras.ops.convert_to_numpy(bn.moving_mean))
    if tuple(int(p) for p in keras.__version__.split(".")[:2]) <= (3, 15):
        assert statistics_moved, "this Keras has the training-argument override"
    reported = {v["variable"]: v for v in guard.report["violations"]}
    assert guard.report["guarded"]["by_reason"] == {"training_false_call": 2}
    if statistics_moved:
        assert set(reported) == {bn.moving_mean.path, bn.moving_variance.path}
        assert reported[bn.moving_mean.path]["cause"] == "training_override"
        assert reported[bn.moving_mean.path]["layer"] == "base/bn"
    else:
        assert reported == {}


def frozen_first_layer_model(kind):
    if kind == "sequential":
        model = keras.Sequential(
            [keras.Input((4,)), layers.Dense(8, name="d1"), layers.Dense(1, name="d2")]
        )
    else:
        model = two_dense_model()
    model.get_layer("d1").trainable = False
    model.compile("adam", "mse")
    return model


@pytest.mark.parametrize("every", ["epoch", 2])
def test_restore_keeps_frozen_weights_bit_identical(every):
    x, y = data()
    model = frozen_first_layer_model("sequential")
    before = values(model.get_layer("d1"))
    guard = FrozenWeightsGuard(restore=True, every=every)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model.fit(x, y, epochs=2, batch_size=8, verbose=0, callbacks=[ShiftKernel("d1"), guard])

    assert same_bits(before, values(model.get_layer("d1")))
    (violation,) = guard.report["violations"]
    assert violation["cause"] == "assigned" and violation["layer"] == "d1"
    assert violation["restored"] == (2 if every == "epoch" else 4)
    assert violation["step"] == (None if every == "epoch" else 2)
    # Checks run as batches begin: no on_train_batch_end, so Keras keeps dispatching
    # batches asynchronously.
    assert getattr(guard.on_train_batch_end, "_is_default", False)
    without = keras.callbacks.CallbackList([], model=model)._async_train
    assert keras.callbacks.CallbackList([guard], model=model)._async_train == without


class NudgeOneElement(keras.callbacks.Callback):
    """Moves the last element of a variable up by one float32 ulp, once, as batch
    1 ends."""

    def __init__(self, layer_name, attribute):
        super().__init__()
        self.layer_name, self.attribute = layer_name, attribute

    def on_train_batch_end(self, batch, logs=None):
        if batch == 1:
            # Through self.model, which syncs JAX's training state into the variables.
            variable = getattr(self.model.get_layer(self.layer_name), self.attribute)
            value = np.array(keras.ops.convert_to_numpy(variable))
            value.reshape(-1)[-1] = np.nextafter(value.reshape(-1)[-1], np.float32(np.inf))
            variable.assign(value)


# The 64x128 kernel is fingerprinted alone; the bias and the BatchNormalization
# variables (128 values each) together, as one group.
@pytest.mark.parametrize("layer_name, attribute", [("dense", "kernel"), ("bn", "moving_variance")])
def test_one_ulp_in_one_element_is_caught_at_the_next_check_and_restored(layer_name, attribute):
    x, y = data(features=64)
    inputs = keras.Input((64,))
    hidden = layers.Dense(128, name="dense", trainable=False)(inputs)
    hidden = layers.BatchNormalization(name="bn", trainable=False)(hidden)
    model = keras.Model(inputs, layers.Dense(1, name="head")(hidden))
    model.compile("adam", "mse")
    frozen = model.get_layer("dense").weights + model.get_layer("bn").weights
    before = [np.array(keras.ops.convert_to_numpy(w)) for w in frozen]
    nudged = getattr(model.get_layer(layer_name), attribute)
    guard = FrozenWeightsGuard(every=1, restore=True)
    with pytest.warns(UserWarning, match=f"'{nudged.path}' changed .* in 1 of its {np.prod(nudged.shape):,} elements"):
        model.fit(x, y, epochs=2, batch_size=8, verbose=0, callbacks=[NudgeOneElement(layer_name, attribute), guard])

    (violation,) = guard.report["violations"]
    assert violation["variable"] == nudged.path
    assert (violation["epoch"], violation["step"]) == (0, 2)
    assert violation["fraction_changed"] == 1 / np.prod(nudged.shape)
    assert 0 < violation["max_abs_change"] < 1e-6
    assert violation["restored"] == 2  # nudged in both epochs
    assert same_bits(before, [np.array(keras.ops.convert_to_numpy(w)) for w in frozen])


def test_stop_action_stops_training_after_the_checked_batch():
    x, y = data()
    model = frozen_first_layer_model("functional")
    guard = FrozenWeightsGuard(on_problem="stop", every=1)
    steps = []
    counter = keras.callbacks.LambdaCallback(on_train_batch_begin=lambda batch, logs: steps.append(batch))
    with pytest.warns(UserWarning, match="'d1': 'd1/kernel' changed by up to 1 .* epoch 0, step 1; cause: assigned"):
        history = model.fit(
            x, y, epochs=5, batch_size=8, verbose=0, callbacks=[ShiftKernel("d1"), guard, counter]
        )
    # Fingerprinted as batch 1 began, read as batch 2 began (training never waits for
    # the step it just launched): batch 2 still runs, then Keras stops.
    assert len(history.epoch) == 1 and steps == [0, 1, 2]
    (violation,) = guard.report["violations"]
    assert (violation["epoch"], violation["step"]) == (0, 1)
    # Compared exactly when read (two shifts), and at the epoch's end (three).
    assert violation["max_abs_change"] == pytest.approx(1.5)


def test_raise_action_raises_and_writes_the_report(tmp_path):
    x, y = data()
    model = frozen_first_layer_model("functional")
    guard = FrozenWeightsGuard(on_problem="raise", report_path=tmp_path / "r.json")
    with pytest.raises(FrozenWeightsChanged, match="d1/kernel") as raised:
        model.fit(x, y, epochs=3, verbose=0, callbacks=[ShiftKernel("d1"), guard])
    assert isinstance(raised.value, KeraslintCallbackError)
    assert isinstance(raised.value, RuntimeError)
    written = json.loads((tmp_path / "r.json").read_text())
    assert [v["variable"] for v in written["violations"]] == [model.get_layer("d1").kernel.path]
    # Readable as any file the user's process writes (not mkstemp's 0600).
    umask = os.umask(0)
    os.umask(umask)
    assert (tmp_path / "r.json").stat().st_mode & 0o777 == 0o666 & ~umask


def test_model_without_frozen_layers_is_silent_and_an_unmatched_watch_is_said_once():
    x, y = data()
    model = two_dense_model()
    model.compile("adam", "mse")
    guard = FrozenWeightsGuard()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        model.fit(x, y, epochs=1, verbose=0, callbacks=[guard])
    assert guard_messages(caught) == []
    assert guard.report["guarded"]["variables"] == 0 and guard.report["violations"] == []

    watching = FrozenWeightsGuard(watch="encoder/*")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        model.fit(x, y, epochs=1, verbose=0, callbacks=[watching])
        model.fit(x, y, epochs=1, verbose=0, callbacks=[watching])
    assert guard_messages(caught) == [
        "FrozenWeightsGuard: `watch` names nothing in model 'two_dense': watch=['encoder/*']."
    ]


class HalfDisconnected(keras.Model):
    """Subclassed model whose `unused` layer never reaches the loss."""

    def __init__(self):
        super().__init__()
        self.frozen = layers.Dense(8, trainable=False)
        self.unused = layers.Dense(8)
        self.head = layers.Dense(1)

    def call(self, inputs):
        hidden = self.frozen(inputs)
        return self.head(hidden) + 0.0 * keras.ops.sum(self.unused(hidden))


def test_subclassed_model_lists_trainable_variables_that_did_not_move():
    x, y = data()
    model = HalfDisconnected()
    model.compile("adam", "mse")
    guard = FrozenWeightsGuard()
    with pytest.warns(UserWarning, match="did not move at all"):
        history = model.fit(x, y, epochs=2, batch_size=8, verbose=0, callbacks=[guard])
    # The model is built by its first step (on TensorFlow and torch), and the
    # snapshot with it.
    assert guard.report["snapshot_taken"] in (
        "before the first step", "after the first step, which built the model"
    )
    unmoved = {entry["variable"]: entry["epochs"] for entry in guard.report["unmoved_trainable"]}
    assert unmoved == {model.unused.kernel.path: [0, 1], model.unused.bias.path: [0, 1]}
    assert history.history["trainable_weights_unmoved"] == [2, 2]
    assert guard.report["guarded"]["variables"] == 2 and guard.report["violations"] == []


def test_watch_pattern_guards_a_trainable_layer_and_one_guard_serves_two_models():
    x, y = data()
    guard = FrozenWeightsGuard(watch="*d2/kernel")
    first = frozen_first_layer_model("functional")
    with pytest.warns(UserWarning, match="d2/kernel"):
        first.fit(x, y, epochs=1, verbose=0, callbacks=[guard])
    (violation,) = guard.report["violations"]
    assert violation["guarded_because"] == "watch" and violation["cause"] == "trained"

    second = frozen_first_layer_model("sequential")
    second.get_layer("d2").trainable = False
    second.compile("adam", "mse")
    second.fit(x, y, epochs=1, verbose=0, callbacks=[guard])
    assert guard.report["model"] == second.name
    assert guard.report["violations"] == [] and guard.report["trainable_state_changes"] == []
    assert guard.report["guarded"]["variables"] == 4


def test_mixed_precision_model_is_guarded():
    x, y = data()
    keras.mixed_precision.set_global_policy("mixed_float16")
    try:
        model = frozen_first_layer_model("functional")
        guard = FrozenWeightsGuard(every=2)
        with pytest.warns(UserWarning, match="'d1': 'd1/kernel' changed"):
            model.fit(x, y, epochs=1, batch_size=8, verbose=0, callbacks=[ShiftKernel("d1"), guard])
    finally:
        keras.mixed_precision.set_global_policy("float32")
    assert guard.report["guarded"]["variables"] == 2
    assert [v["variable"] for v in guard.report["violations"]] == [model.get_layer("d1").kernel.path]
    # (Whether d2 moves in these 4 steps depends on the loss scale's overflow skips.)


MIRRORED_SCRIPT = textwrap.dedent(
    """
    import json, warnings
    import numpy as np, tensorflow as tf
    cpu = tf.config.list_physical_devices("CPU")[0]
    tf.config.set_logical_device_configuration(
        cpu, [tf.config.LogicalDeviceConfiguration()] * 2)
    import keras
    from keraslint.callbacks import FrozenWeightsGuard
    warnings.simplefilter("ignore")
    strategy = tf.distribute.MirroredStrategy(["/cpu:0", "/cpu:1"])
    with strategy.scope():
        inputs = keras.Input((4,))
        hidden = keras.layers.Dense(8, name="d1")(inputs)
        model = keras.Model(inputs, keras.layers.Dense(1, name="d2")(hidden))
        model.compile("adam", "mse")
    x = np.ones((32, 4), "float32"); y = np.ones((32, 1), "float32")
    guard = FrozenWeightsGuard()
    model.fit(x, y, epochs=1, verbose=0, callbacks=[guard])
    model.get_layer("d1").trainable = False
    model.fit(x, y, epochs=1, verbose=0, callbacks=[guard])
    print(json.dumps({"replicas": strategy.num_replicas_in_sync, **guard.report}))
    """
)


def test_mirrored_strategy_on_two_logical_cpus():
    if BACKEND != "tensorflow":
        pytest.skip("MirroredStrategy belongs to TensorFlow; this case runs in the TensorFlow pass")
    env = {**os.environ, "KERAS_BACKEND": "tensorflow", "TF_CPP_MIN_LOG_LEVEL": "3"}
    done = subprocess.run(
        [sys.executable, "-c", MIRRORED_SCRIPT], env=env, capture_output=True, text=True, timeout=240
    )
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["replicas"] == 2
    assert report["trainable_state_changes"][0]["effect"] == "keeps_training"
    assert {v["variable"] for v in report["violations"]} == {"d1/kernel", "d1/bias"}


@pytest.mark.parametrize(
    "kwargs, shown",
    [
        ({"every": 0}, "every=0"),
        ({"every": "batch"}, "every='batch'"),
        ({"every": True}, "every=True"),
        ({"on_problem": "ignore"}, "on_problem='ignore'"),
        ({"restore": "yes"}, "restore='yes'"),
        ({"report_path": 3}, "report_path=3"),
        ({"watch": [3.5]}, "watch=[3.5]"),
        ({"watch": ""}, "watch=''"),
    ],
)
def test_bad_arguments_name_the_argument_and_value(kwargs, shown):
    with pytest.raises(ValueError, match=f"`{next(iter(kwargs))}`.*received {shown.replace('[', '.').replace(']', '.')}"):
        FrozenWeightsGuard(**kwargs)


def test_internal_error_disables_the_guard_and_training_goes_on(tmp_path):
    x, y = data()
    model = frozen_first_layer_model("functional")
    not_a_directory = tmp_path / "file"
    not_a_directory.write_text("")
    guard = FrozenWeightsGuard(report_path=not_a_directory / "report.json", on_problem="raise")
    with pytest.warns(RuntimeWarning, match="FrozenWeightsGuard disabled itself .* on_train_begin"):
        history = model.fit(
            x, y, epochs=3, verbose=0, callbacks=[ShiftKernel("d1"), guard]
        )
    assert len(history.epoch) == 3
    assert "frozen_weights_violations" not in history.history


def test_old_argument_names_still_work_with_a_deprecation_warning():
    with pytest.warns(DeprecationWarning, match="`check_every` is deprecated; use `every=2`"):
        guard = FrozenWeightsGuard(check_every=2)
    with pytest.warns(DeprecationWarning, match="`on_violation` is deprecated; use `on_problem='stop'`"):
        stopping = FrozenWeightsGuard(on_violation="stop")
    assert (guard.every, stopping.on_problem) == (2, "stop")
    with pytest.raises(ValueError, match="`check_every` is the old name of `every`"):
        FrozenWeightsGuard(every=3, check_every=2)


def test_freezing_a_mobilenet_base_after_fit_gives_a_few_short_warnings_at_the_fit_call():
    base = keras.applications.MobileNetV2(input_shape=(32, 32, 3), alpha=0.35, include_top=False, weights=None)
    inputs = keras.Input((32, 32, 3))
    model = keras.Model(inputs, layers.Dense(2)(layers.GlobalAveragePooling2D()(base(inputs))))
    model.compile("adam", keras.losses.SparseCategoricalCrossentropy(from_logits=True))
    images = np.random.default_rng(0).uniform(size=(32, 32, 32, 3)).astype("float32")
    labels = np.arange(32) % 2
    guard = FrozenWeightsGuard(every=1)
    model.fit(images, labels, epochs=1, batch_size=16, verbose=0, callbacks=[guard])
    base.trainable = False  # the mistake: no compile() after it

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with pytest.raises(ValueError) if BACKEND == "jax" else contextlib.nullcontext():
            model.fit(images, labels, epochs=2, batch_size=16, verbose=0, callbacks=[guard])
    given = [w for w in caught if "FrozenWeightsGuard" in str(w.message)]
    assert 1 <= len(given) <= 3 if BACKEND != "torch" else given == []
    assert sum(len(str(w.message)) for w in given) < 3000
    # Each points at the fit() call above, not at keraslint or keras.
    assert {os.path.basename(w.filename) for w in given} <= {os.path.basename(__file__)}
    if BACKEND == "tensorflow":
        changed = {v["variable"] for v in guard.report["violations"]}
        assert len(changed) == len(base.weights)  # the detail is in the report
        assert {v["group"] for v in guard.report["violations"]} == {base.name}
        assert any(f"'{base.name}' was frozen" in str(w.message) for w in given)


def test_watching_everything_names_the_layer_as_the_cause_of_trainable_batchnorm_statistics():
    x, y = data()
    model = keras.Sequential([keras.Input((4,)), layers.Dense(8), layers.BatchNormalization(name="bn"),
                              layers.Dense(1)])
    model.compile("adam", "mse")
    guard = FrozenWeightsGuard(watch="*")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        model.fit(x, y, epochs=1, verbose=0, callbacks=[guard])
    causes = {v["variable"].rpartition("/")[2]: v["cause"] for v in guard.report["violations"]}
    assert causes["moving_mean"] == causes["moving_variance"] == "bn_statistics"
    assert causes["kernel"] == "trained"
    assert not any("assigned outside gradient descent" in m for m in guard_messages(caught))
    assert any("the layer itself updates in training mode, by design" in m for m in guard_messages(caught))


def test_importing_the_callbacks_without_keras_names_the_extra_to_install():
    script = "import sys; sys.modules['keras'] = None\nimport keraslint.callbacks"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    last = done.stderr.strip().splitlines()[-1]
    assert last.startswith("ImportError: ") and 'pip install "keraslint[callbacks]"' in last
