"""``python -m keraslint``: the ``keraslint`` command."""

import sys

from keraslint.cli import main

sys.exit(main())
