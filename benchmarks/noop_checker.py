"""A pylint plugin with one checker that does nothing: loaded alone (every other
message disabled), pylint parses each module and walks it, which is the cost that
keraslint's own analysis adds to. (With no message enabled at all pylint skips the
modules, so ``--disable=all`` alone measures nothing.)"""

from pylint.checkers import BaseChecker


class NoopChecker(BaseChecker):
    name = "noop-benchmark"
    msgs = {"W7399": ("never emitted", "noop-benchmark", "A message nothing emits.")}

    def visit_module(self, node):  # noqa: D102
        return None


def register(linter):
    linter.register_checker(NoopChecker(linter))
