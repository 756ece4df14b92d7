# /// script
# requires-python = ">=3.11"
# dependencies = [
#   "numpy",
# ]
# ///
"""Uphill's entry point for pygbag (the browser) and `python main.py [flags]` on the desktop."""

import numpy  # noqa: F401 - first: pygbag only installs what main.py imports, and pygame's surfarray needs it

import asyncio
import os
import sys

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")  # keep stdout clean
import pygame  # noqa: E402,F401 - named here so pygbag's import scanner fetches pygame-ce

from game.ui import app, browser  # noqa: E402
from game.core.options import OptionsError, usage  # noqa: E402

if not browser.is_browser() and ("--help" in sys.argv[1:] or "-h" in sys.argv[1:]):
    print(usage())
    raise SystemExit(0)
try:
    OPTIONS, _PROBLEMS = browser.options_from_environment()  # problems: browser.startup_messages()
except OptionsError as error:
    print(f"uphill: {error}", file=sys.stderr)
    raise SystemExit(2) from None

asyncio.run(browser.exit_on_desktop(app.run(OPTIONS)))  # the last statement: nothing may follow it
