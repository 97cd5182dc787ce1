"""``python -m analysis``: the Parallax command line."""

import sys

from analysis.cli import main

sys.exit(main())
