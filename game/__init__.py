"""Uphill's pygame front end: scenes, renderer, input, the shared async loop and the CLI."""
