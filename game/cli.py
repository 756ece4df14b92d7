"""The `uphill` command: play (flags as in DESIGN "Command line"), `uphill levels`, `uphill check-level FILE...`."""

from __future__ import annotations

from game.ui.headless import quiet_pygame

quiet_pygame()

import asyncio  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402

from game.core.options import OptionsError, parse_args, usage  # noqa: E402
from game.text.errors import one_based  # noqa: E402
from surfaces import LevelError  # noqa: E402


def list_levels() -> int:
    """Print id, module and English title of each built-in level, one per line."""
    import surfaces
    from game.text.levels import level_text
    from surfaces.level import builtin_problems

    levels = surfaces.builtin_levels()
    for problem in builtin_problems():  # a broken file is named and left out; the others are listed
        print(f"left out: {one_based(problem)}", file=sys.stderr)
    width = max((len(level.id) for level in levels), default=0)
    module_width = max((len(level.module) for level in levels), default=0)
    for level in levels:
        print(f"{level.id:<{width}}  {level.module:<{module_width}}  {level_text(level, 'title', 'en')}")
    return 0


MAX_PROBLEM_LINES = 20  # per file: a file with 1000 unknown keys gives 20 lines and a count, not 1000 lines


def check_levels(paths: list[str]) -> int:
    """Validate level files: "FILE: ok" on stdout for each good one; one line per problem on stderr, exit 2."""
    from game.core.levels import level_problems

    if not paths:
        print("check-level: give one or more level files, e.g. uphill check-level surfaces/levels/01-*.json",
              file=sys.stderr)
        return 2
    failed = False
    for path in paths:
        if not os.path.exists(path):
            print(f"{path}: no such file", file=sys.stderr)
            failed = True
            continue
        if os.path.isdir(path):
            print(f"{path}: is a folder, not a level file", file=sys.stderr)
            failed = True
            continue
        try:
            problems = level_problems(path)  # the surfaces format plus the game's languages and overlays
        except (OSError, ValueError) as error:  # level_problems reports problems; this is a safety net
            problems = [f"{path}: {error}"]
        if problems:
            failed = True
            for problem in problems[:MAX_PROBLEM_LINES]:
                line = one_based(" ".join(str(problem).split()))  # one line each; positions counted from 1
                print(line if line.startswith(path) else f"{path}: {line}", file=sys.stderr)
            if len(problems) > MAX_PROBLEM_LINES:
                print(f"{path}: and {len(problems) - MAX_PROBLEM_LINES} more problems", file=sys.stderr)
        else:
            print(f"{path}: ok")
    return 2 if failed else 0


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 fine, 2 bad flags or files)."""
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        if args[:1] == ["help"] or any(arg in ("-h", "--help") for arg in args):
            print(usage())
            return 0
        if args and args[0] == "levels":
            if len(args) > 1:
                print(f"levels: unexpected argument {args[1]!r}", file=sys.stderr)
                return 2
            return list_levels()
        if args and args[0] == "check-level":
            return check_levels(args[1:])
        try:
            options = parse_args(args)
        except OptionsError as error:
            print(f"uphill: {error}", file=sys.stderr)
            return 2
        from game.ui.app import run

        return asyncio.run(run(options))
    except LevelError as error:  # not one built-in level is usable: say which files and why
        for problem in error.problems:
            print(f"uphill: {one_based(problem)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `uphill levels | head`: the reader left; say nothing more
        try:
            sys.stdout = open(os.devnull, "w")
        except OSError:
            pass
        return 0


if __name__ == "__main__":
    sys.exit(main())
