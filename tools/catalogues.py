"""Compile and check the gettext catalogues: `python tools/catalogues.py compile|check` (needs Babel)."""

from __future__ import annotations

import io
import sys
from pathlib import Path

from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po

LOCALE = Path(__file__).resolve().parents[1] / "game" / "text" / "locale"
DOMAIN = "uphill"


def po_files(locale: Path = LOCALE) -> list[Path]:
    """Every catalogue source, game/text/locale/<lang>/LC_MESSAGES/*.po (uphill.po and the feature areas' files)."""
    return sorted(locale.glob("*/LC_MESSAGES/*.po"))


def compiled(po: Path) -> bytes:
    """The .mo bytes Babel makes from one .po file (fuzzy entries included, as the file is the truth)."""
    with open(po, "rb") as fp:
        catalog = read_po(fp, domain=DOMAIN)  # the locale and plural rule come from the header
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=True)
    return out.getvalue()


def messages(mo_bytes: bytes) -> dict[object, object]:
    """The messages of a .mo file as {msgid or (msgid, plural): msgstr or tuple}, header included."""
    catalog = read_mo(io.BytesIO(mo_bytes))
    found: dict[object, object] = {"": catalog.mime_headers and dict(catalog.mime_headers)}
    for message in catalog:
        if message.id:
            found[message.id if isinstance(message.id, str) else tuple(message.id)] = (
                message.string if isinstance(message.string, str) else tuple(message.string))
    return found


def stale(po: Path) -> bool:
    """True when the .mo beside `po` is missing or says something else than compiling `po` gives."""
    mo = po.with_suffix(".mo")
    return not mo.is_file() or messages(mo.read_bytes()) != messages(compiled(po))


def main(argv: list[str]) -> int:
    """`compile` writes every .mo from its .po; `check` exits 1 when a .mo is missing or stale."""
    if len(argv) != 1 or argv[0] not in ("compile", "check"):
        print("usage: python tools/catalogues.py compile|check", file=sys.stderr)
        return 2
    files = po_files()
    if not files:
        print(f"no catalogues under {LOCALE}", file=sys.stderr)
        return 1
    if argv[0] == "compile":
        for po in files:
            po.with_suffix(".mo").write_bytes(compiled(po))
            print(f"compiled {po.relative_to(LOCALE.parents[2])}")
        return 0
    bad = [po for po in files if stale(po)]
    for po in bad:
        print(f"stale: {po.with_suffix('.mo').relative_to(LOCALE.parents[2])} (run: python tools/catalogues.py compile)",
              file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
