"""What predicts the callbacks' cost on a GPU, measured on the CPU: with checks every
batch, Keras still dispatches batches asynchronously, the callbacks make JAX copy
its training state back into the model at no batch, each check is one compiled
device call whose result is read a batch later, and on torch the number of kernels
a check launches does not grow with the number of variables. On a GPU, a step of a
few milliseconds is hidden behind the next only while none of these is broken."""

from __future__ import annotations

import warnings

import keras
import numpy as np
import pytest
from keras import layers

from keraslint.callbacks import BatchNormMonitor, FrozenWeightsGuard

BACKEND = keras.backend.backend()


@pytest.fixture(autouse=True)
def _seeded():
    keras.utils.set_random_seed(0)


class StateObserver(keras.callbacks.Callback):
    """Listed after the callbacks under test: notes, as each batch but the first
    begins, whether JAX's training state was copied back into the model (which
    `Callback.model` does, and Keras then undoes before the next step)."""

    def __init__(self):
        super().__init__()
        self.synced = []

    def on_train_batch_begin(self, batch, logs=None):
        if batch > 0:  # `self._model`: reading `self.model` would sync it
            self.synced.append(bool(getattr(self._model, "_jax_state_synced", False)))


def frozen_base_model(blocks=4):
    base = keras.Sequential(
        [keras.Input((8, 8, 3))]
        + [layer for i in range(blocks) for layer in (layers.Conv2D(4, 3, padding="same"),
                                                      layers.BatchNormalization(name=f"bn{i}"))],
        name="base",
    )
    base.trainable = False
    inputs = keras.Input((8, 8, 3))
    x = layers.BatchNormalization(name="head_bn")(layers.Conv2D(4, 1)(base(inputs, training=False)))
    model = keras.Model(inputs, layers.Dense(2)(layers.GlobalAveragePooling2D()(x)))
    model.compile("adam", keras.losses.SparseCategoricalCrossentropy(from_logits=True))
    return model


def test_checks_every_batch_keep_async_dispatch_never_sync_jax_state_and_read_a_batch_later():
    model = frozen_base_model()
    rng = np.random.default_rng(0)
    x, y = rng.normal(size=(64, 8, 8, 3)).astype("float32"), rng.integers(0, 2, size=64)
    guard, monitor, observer = FrozenWeightsGuard(every=1), BatchNormMonitor(every=1), StateObserver()
    callbacks = [guard, monitor, observer]
    assert (keras.callbacks.CallbackList(callbacks, model=model)._async_train
            == keras.callbacks.CallbackList([], model=model)._async_train)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the monitor's forecast for 16 steps; not what is measured
        model.fit(x, y, epochs=2, batch_size=8, verbose=0, callbacks=callbacks)

    assert observer.synced == [False] * 14 if BACKEND == "jax" else not any(observer.synced)
    # 8 batches per epoch: checks as batches 1-7 begin, each one compiled call, its
    # result read as the next batch begins or at the epoch's end.
    assert guard.report["cost"] == {"batch_checks": 14, "device_calls": 14, "host_reads": 14}
    # The monitor records after steps 1-7 and 9-15 (8 and 16 are epoch ends).
    assert monitor.report["cost"] == {"batch_records": 14, "device_calls": 14, "host_reads": 14}
    assert monitor.history["step"] == list(range(17))
    assert guard.report["violations"] == []


@pytest.mark.skipif(BACKEND != "torch", reason="eager torch launches a kernel per operation; "
                    "TensorFlow and JAX run a check as one compiled function")
def test_torch_check_launches_as_many_kernels_for_many_variables_as_for_few():
    import torch

    def kernels_per_check(blocks):
        model = frozen_base_model(blocks)
        guard = FrozenWeightsGuard(every=1)
        x, y = np.zeros((16, 8, 8, 3), "float32"), np.zeros(16, "int64")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            model.fit(x, y, epochs=1, batch_size=8, verbose=0, callbacks=[guard])
        with torch.profiler.profile(activities=[torch.profiler.ProfilerActivity.CPU]) as profile:
            guard._dispatch_guarded()  # pylint: disable=protected-access
        # Operations that compute; views and detaches launch nothing on a device.
        views = {"aten::detach", "aten::reshape", "aten::view", "aten::_reshape_alias", "aten::alias",
                 "aten::as_strided", "aten::slice", "aten::select", "aten::lift_fresh"}
        return guard.report["guarded"]["variables"], sum(
            1 for event in profile.events()
            if event.name.startswith("aten::") and event.cpu_parent is None and event.name not in views
        )

    few_variables, few_kernels = kernels_per_check(1)
    many_variables, many_kernels = kernels_per_check(16)
    assert many_variables >= 8 * few_variables
    assert many_kernels == few_kernels
