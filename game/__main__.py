"""`python -m game`: the same as the `uphill` command."""

import sys

from game.cli import main

sys.exit(main())
