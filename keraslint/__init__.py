"""keraslint: Keras architecture mistakes caught before the code runs and while it trains.

``pylint --load-plugins=keraslint`` loads the static checker through :func:`register`.
Importing this package never imports keras or tensorflow: the linter runs where they
are not installed. ``keraslint.explain`` and ``keraslint.callbacks`` import keras when used.
"""

__version__ = "0.1.0"


def register(linter) -> None:
    """Entry point pylint calls for ``--load-plugins=keraslint``."""
    from keraslint.checker import KerasChecker  # pylint: disable=import-outside-toplevel

    linter.register_checker(KerasChecker(linter))


def load_configuration(linter) -> None:
    """Pylint calls this once the configuration files and the command line are read."""
    from keraslint import framework_sources  # pylint: disable=import-outside-toplevel

    if linter.config.keraslint_skip_frameworks:
        framework_sources.skip_framework_sources(linter)
    if linter.config.keraslint_only:
        from keraslint.checker import keep_only_keraslint_messages  # pylint: disable=import-outside-toplevel

        keep_only_keraslint_messages(linter)
        # Nothing reported needs astroid to read an installed package.
        framework_sources.resolve_standard_library_only()


def explain(model):
    """Account for every parameter of ``model``; see :mod:`keraslint.accounting`."""
    from keraslint.accounting import explain as _explain  # pylint: disable=import-outside-toplevel

    return _explain(model)
