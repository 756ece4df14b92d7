"""The language: chosen on the title screen (keys or mouse), remembered in settings.json, overridden by --lang."""

from __future__ import annotations

import asyncio
import json

import pytest

import game.ui.app as app_module
from game.core import actions as A
from game.core.options import parse_args
from game.core.settings import SETTINGS, load_settings, remember, saved_language, settings_problems
from game.core.storage import FileBackend, MemoryBackend, Store
from game.text.catalog import languages, t
from game.text.languages import language_name, next_language
from game.text.levels import level_text
from game.ui.scenes.title import TitleScene
from game.ui.startup import with_language


def test_the_languages_are_the_catalogues_and_each_names_itself():
    assert languages()[0] == "en" and {"de", "fr"} <= set(languages())
    assert [language_name(lang) for lang in ("en", "de", "fr")] == ["English", "Deutsch", "Fran\u00e7ais"]
    assert language_name("xx") == "xx"
    order = languages()
    assert [next_language(lang) for lang in order] == [*order[1:], order[0]]
    assert [next_language(lang, -1) for lang in order] == [order[-1], *order[:-1]]
    assert next_language("xx") == "en"


def test_settings_keep_other_keys_and_refuse_a_bad_language():
    store = Store(MemoryBackend({SETTINGS: json.dumps({"sound": True})}))
    assert remember(store, lang="fr") is None
    assert load_settings(store) == ({"sound": True, "lang": "fr"}, None)
    assert settings_problems({"lang": "French!"}) and settings_problems([]) and not settings_problems({"x": 1})
    damaged = Store(MemoryBackend({SETTINGS: json.dumps({"lang": 3})}))
    lang, notice = saved_language(damaged)
    assert lang is None and notice is not None and notice.code == "set_aside"
    broken = Store(MemoryBackend({SETTINGS: "{not json"}))
    assert saved_language(broken)[1].problem == "json"
    assert remember(broken, lang="de") is None and saved_language(broken) == ("de", None)


@pytest.mark.parametrize(("flag", "saved", "expected"), [
    ([], None, "en"), ([], "fr", "fr"), (["--lang", "en"], "fr", "en"), (["--lang", "de"], "fr", "de"),
    ([], "xx", "en"),  # a saved language whose catalogue is gone: English
])
def test_lang_flag_beats_the_remembered_language(flag, saved, expected):
    store = Store(MemoryBackend({SETTINGS: json.dumps({"lang": saved})} if saved else {}))
    options, notice = with_language(parse_args(flag), store)
    assert options.lang == expected and notice is None


def _language_row(app) -> int:
    title = app.top
    assert isinstance(title, TitleScene) and title.language_row is not None
    return title.language_row


def test_the_title_switches_language_by_keyboard_and_remembers_it(make_app, run_frames, drawn_texts):
    store = Store(MemoryBackend())
    app = make_app(store=store)
    row = _language_row(app)
    for _ in range(row):
        app.dispatch(A.Action(A.MOVE, dy=1.0))
    seen = []
    for _ in range(len(languages())):
        app.dispatch(A.Action(A.CONFIRM))
        run_frames(app, 1)
        seen.append(app.env.lang)
        assert app.top.menu.selected == row  # focus stays on the language row
        assert t("menu.levels", app.env.lang) in drawn_texts[-12:]
        assert saved_language(store) == (app.env.lang, None)
    assert seen == [*languages()[1:], languages()[0]]
    app.dispatch(A.Action(A.MOVE, dx=-1.0))  # Left: the previous language
    assert app.env.lang == languages()[-1]
    app.dispatch(A.Action(A.MOVE, dx=1.0))
    assert app.env.lang == "en"


def test_the_title_switches_language_by_mouse_and_a_new_run_starts_in_it(make_app, run_frames, drawn_texts):
    store = Store(MemoryBackend())
    app = make_app(store=store)
    run_frames(app, 1)
    target = app.top.rects()[_language_row(app)].center
    while app.env.lang != "fr":
        app.dispatch(A.Action(A.CLICK, pos=target))
    run_frames(app, 1)
    assert "Jouer" in drawn_texts and "Langue\u00a0: Fran\u00e7ais" in drawn_texts
    again = make_app(store=store)
    assert again.env.lang == "fr" and again.options.lang == "fr"
    assert make_app("--lang", "de", store=store).env.lang == "de"


def test_the_desktop_run_reads_settings_json_and_lang_overrides_it(monkeypatch, display, data_dir):
    made = []
    real_init = app_module.App.__init__

    def spy(self, *args, **kwargs):
        real_init(self, *args, **kwargs)
        made.append(self)

    monkeypatch.setattr(app_module.App, "__init__", spy)
    store = Store(FileBackend(data_dir))
    assert remember(store, lang="fr") is None
    assert (data_dir / "settings.json").is_file()
    assert asyncio.run(app_module.run(parse_args(["--headless", "--frames", "2", "--seed", "PEAK-4821-B"]))) == 0
    assert made[-1].env.lang == "fr"
    assert level_text(made[-1].top.game.level, "title", "fr") == "Code de classe PEAK-4821-B"  # its title too
    assert asyncio.run(app_module.run(parse_args(["--headless", "--frames", "2", "--lang", "en"]))) == 0
    assert made[-1].env.lang == "en"
    (data_dir / "settings.json").write_text("[1, 2", encoding="utf-8")  # damaged: set aside, said, English
    assert asyncio.run(app_module.run(parse_args(["--headless", "--frames", "2"]))) == 0
    assert made[-1].env.lang == "en" and any("settings" in text for text, _ in made[-1].banners)
    assert any(p.name.startswith("settings.corrupt-") for p in data_dir.iterdir())
