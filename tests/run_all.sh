#!/usr/bin/env bash
# The whole test suite: static and tool tests once, the runtime callbacks once per
# Keras backend (a backend is chosen when keras is first imported, so each needs its
# own process).
set -euo pipefail
cd "$(dirname "$0")/.."
py="${PYTHON:-.venv/bin/python}"
status=0
KERAS_BACKEND=tensorflow "$py" -m pytest -q tests/static tests/tools "$@" || status=1
for backend in tensorflow jax torch; do
    echo "=== runtime callbacks on KERAS_BACKEND=$backend"
    KERAS_BACKEND=$backend "$py" -m pytest -q tests/runtime "$@" || status=1
done
exit $status
