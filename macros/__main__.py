"""``python -m macros <command>``: the editors' commands (see ``macros/cli.py``)."""

import sys

from .cli import main

sys.exit(main())
