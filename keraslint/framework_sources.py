"""Keep astroid from building installed packages from their sources.

Where keras and TensorFlow are installed, astroid reads their packages whenever
something asks what a name from them is: already while building a module, for every
attribute assignment such as ``model.trainable = False``. That costs seconds per run,
and keraslint needs none of it: it resolves Keras names from the import statements,
with no inference. Denied modules are unknown to astroid, as if they were not
installed, so keraslint finds the same either way.

- ``keraslint check`` and ``keraslint-only=y`` (only keraslint's messages): astroid
  resolves the standard library only. Nothing reported needs more, so the run costs
  the same whatever the environment holds (numpy, absl, pytest, ... too).
- ``keraslint-skip-frameworks=y`` in a plain pylint run: astroid skips keras,
  tensorflow, tf_keras, keras_hub, keras_cv, keras_nlp, jax, jaxlib and torch. They are
  also added to pylint's ``ignored-modules`` (no ``import-error``), and pylint's own
  inference-based messages (``no-member``, ``not-callable``, ...) stay silent about
  names from them, which is why plain pylint runs keep them unless asked.
"""

from __future__ import annotations

import sys

from astroid import MANAGER
from astroid.manager import AstroidManager

FRAMEWORK_PACKAGES = frozenset({"keras", "tensorflow", "tf_keras", "keras_hub", "keras_cv", "keras_nlp", "jax", "jaxlib", "torch"})


class _PackageDenylist(set):
    """astroid's ``module_denylist`` (exact module names, as pylint's ``ignored-modules``
    fills it), also denying every module of some top-level packages."""

    def __init__(self, names, standard_library_only: bool) -> None:
        super().__init__(names)
        self.standard_library_only = standard_library_only

    def denies_package(self, package: str) -> bool:
        if self.standard_library_only:
            return package not in sys.stdlib_module_names and package not in sys.builtin_module_names
        return package in FRAMEWORK_PACKAGES

    def __contains__(self, modname: object) -> bool:
        return set.__contains__(self, modname) or (
            isinstance(modname, str) and bool(modname) and self.denies_package(modname.partition(".")[0])
        )


def _deny(standard_library_only: bool) -> _PackageDenylist:
    current = MANAGER.module_denylist
    if isinstance(current, _PackageDenylist):
        current.standard_library_only |= standard_library_only
        denylist = current
    else:
        denylist = _PackageDenylist(current, standard_library_only)
        # The shared "brain" holds it for every manager; MANAGER kept its own reference.
        AstroidManager.brain["module_denylist"] = MANAGER.module_denylist = denylist
    for name in [name for name in MANAGER.astroid_cache if name and denylist.denies_package(name.partition(".")[0])]:
        del MANAGER.astroid_cache[name]
    return denylist


def resolve_standard_library_only() -> None:
    """For runs that report keraslint's messages only: astroid builds no installed package."""
    _deny(standard_library_only=True)


def skip_framework_sources(linter) -> None:
    """Make astroid refuse to build the framework packages, and pylint take them as
    ``ignored-modules`` (no import-error for a package astroid is told to skip). Idempotent."""
    ignored = tuple(linter.config.ignored_modules)
    linter.config.ignored_modules = ignored + tuple(sorted(FRAMEWORK_PACKAGES - set(ignored)))
    _deny(standard_library_only=False)
