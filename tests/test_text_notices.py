"""Saved-file notices reach the player as one sentence in their language, naming the file and the problem."""

from __future__ import annotations

import pytest

from game.core.storage import MemoryBackend, Notice, Store
from game.text.notices import notice_text


def test_a_damaged_file_is_named_with_its_problem_and_its_new_name_in_each_language():
    notice = Notice("set_aside", "progress.json", "json", "Expecting value: line 1 column 1", 0, "progress.corrupt-1.json")
    en, de = notice_text(notice, "en"), notice_text(notice, "de")
    assert en == ("progress.json is damaged: it is not valid JSON (Expecting value: line 1 column 1); "
                  "it was set aside as progress.corrupt-1.json and the defaults are used")
    assert de.startswith("progress.json ist beschädigt: kein gültiges JSON (Expecting value")
    assert "progress.corrupt-1.json" in de


@pytest.mark.parametrize("more, en", [(1, "(and one more)"), (3, "(and 3 more)")])
def test_further_validation_problems_are_counted_with_plural_forms(more, en):
    notice = Notice("set_aside", "p.json", "invalid", "'levels' must be an object", more, "p.x.json")
    assert en in notice_text(notice, "en") and "'levels' must be an object" in notice_text(notice, "en")


@pytest.mark.parametrize("code", ["unreadable", "set_aside", "not_set_aside", "save_failed", "no_data_dir",
                                  "no_browser_storage"])
def test_every_notice_code_has_words_in_every_language(code):
    notice = Notice(code, "f.json", "deep", "detail", 0, "g.json")
    assert "{" not in notice_text(notice, "en") and notice_text(notice, "de") != notice_text(notice, "en")


def test_a_corrupt_progress_file_becomes_a_german_banner(make_app):
    store = Store(MemoryBackend({"progress": "{not json"}))
    app = make_app("--lang", "de", store=store)
    (text,) = [text for text, _ in app.banners]
    assert "beschädigt" in text and "progress.json" in text
