"""Keep astroid from building Keras, TensorFlow, JAX and torch from their sources.

Where these are installed, astroid reads their packages whenever something asks what
a name from them is: already while building a module, for every attribute assignment
such as ``model.trainable = False``. That costs seconds per run (the keras and
tensorflow packages are hundreds of modules) and keraslint needs none of it: it
resolves Keras names from the import statements. Denied modules are unknown to
astroid, as if they were not installed, so keraslint finds the same either way.

Pylint's own inference-based messages (``no-member``, ``not-callable``, ...) then see
names from these packages as unknown and stay silent about them, as for modules in
pylint's ``ignored-modules`` (where they are added, so no ``import-error``), which is why plain
pylint runs keep the packages unless ``keraslint-skip-frameworks=y`` asks otherwise;
``keraslint check`` and ``keraslint-only=y`` always skip them.
"""

from __future__ import annotations

from astroid import MANAGER
from astroid.manager import AstroidManager

FRAMEWORK_PACKAGES = frozenset({"keras", "tensorflow", "tf_keras", "keras_hub", "keras_cv", "keras_nlp", "jax", "jaxlib", "torch"})


class _PackageDenylist(set):
    """astroid's ``module_denylist`` (exact module names, as pylint's ``ignored-modules``
    fills it), also denying every module of the framework packages."""

    def __contains__(self, modname: object) -> bool:
        return set.__contains__(self, modname) or (
            isinstance(modname, str) and modname.partition(".")[0] in FRAMEWORK_PACKAGES
        )


def skip_framework_sources(linter) -> None:
    """Make astroid refuse to build the framework packages, and pylint take them as
    ``ignored-modules`` (no import-error for a package astroid is told to skip). Idempotent."""
    ignored = tuple(linter.config.ignored_modules)
    linter.config.ignored_modules = ignored + tuple(sorted(FRAMEWORK_PACKAGES - set(ignored)))
    if not isinstance(MANAGER.module_denylist, _PackageDenylist):
        denylist = _PackageDenylist(MANAGER.module_denylist)
        # The shared "brain" holds it for every manager; MANAGER kept its own reference.
        AstroidManager.brain["module_denylist"] = MANAGER.module_denylist = denylist
    for name in [name for name in MANAGER.astroid_cache if name.partition(".")[0] in FRAMEWORK_PACKAGES]:
        del MANAGER.astroid_cache[name]
