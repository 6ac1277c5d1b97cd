"""``python -m actionplans <command>``: the editors' commands (see ``actionplans/cli.py``)."""

import sys

from actionplans.cli import main

sys.exit(main())
