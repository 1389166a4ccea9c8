"""References to imported names: what a name in the code stands for before anything is built."""

from __future__ import annotations

import dataclasses

from keraslint.engine import names


@dataclasses.dataclass(frozen=True)
class Ref:
    """A reference to a Keras (or other imported) name, maybe with partial() presets."""

    qualified: str
    presets: tuple = ()  # ((key, value), ...) from functools.partial
    inferred: bool = False

    @property
    def canonical(self) -> str | None:
        return names.canonical(self.qualified)

    @property
    def layer_kind(self) -> str | None:
        canonical = self.canonical
        if canonical and canonical.startswith("layers.") and canonical != "layers.Layer":
            return canonical.split(".", 1)[1]
        return None
