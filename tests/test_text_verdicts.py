"""The verdict sentences, step and score labels and compass words, built in game.text from the model's codes."""

from __future__ import annotations

import random

import pytest

from game.core import model
from game.core.model import Game
from game.text.catalog import languages, lookup
from game.text.numbers import fmt_number
from game.text.verdicts import compass_word, point_text, score_label, step_label, verdict_text
from test_model import log_level
from test_model_support import FakeLevel, FakeSurface, linear, quadratic, two_hills


def claimed(level, x: float, y: float) -> model.Verdict:
    game = Game(level)
    game.probe(x, y)
    return game.claim()


def test_undefined_claim():
    verdict = claimed(log_level(), -0.5, 0.0)
    assert verdict_text(verdict, "en") == ("Not a summit: the height is undefined here "
                                           "(the formula has no value at this point).")
    assert verdict_text(verdict, "de") == ("Kein Gipfel: Die Höhe ist hier nicht definiert "
                                           "(die Formel hat an diesem Punkt keinen Wert).")


def test_global_summit():
    """The gap and the tolerance are two numbers: "within 0.0900" read like the gap."""
    verdict = claimed(quadratic(), 1.5, 0.2)
    assert verdict_text(verdict, "en") == ("Global summit! Your height 2.67 is 0.330 below the highest point on the "
                                           "map, 3.00 at (1.00, 0): this level counts anything within 0.680 of it "
                                           "as the summit.")
    assert verdict_text(verdict, "de") == ("Globaler Gipfel! Deine Höhe 2,67 liegt 0,330 unter dem höchsten Punkt der "
                                           "Karte, 3,00 bei (1,00; 0): Dieses Level zählt alles bis 0,680 darunter "
                                           "als Gipfel.")
    assert verdict_text(verdict, "fr") == ("Sommet global\u00a0! Ta hauteur 2,67 est à 0,330 sous le point le plus "
                                           "haut de la carte, 3,00 en (1,00\u00a0; 0)\u00a0: ce niveau compte comme "
                                           "sommet tout ce qui est à moins de 0,680 de lui.")


def test_a_needles_top_reached_within_a_fine_step_says_so():
    import surfaces

    game = Game(surfaces.custom_level(surfaces.from_expression("exp(-((x-1)^2 + y^2)/0.0001)")))
    game.probe(1.005, 0.0)
    assert verdict_text(game.claim(), "en").startswith("Global summit! You are within one fine step of the highest")


def test_not_a_summit_says_where_the_gradient_points():
    verdict = claimed(quadratic(), 2.0, 0.0)
    assert verdict_text(verdict, "en") == ("Not a summit: the gradient still points west with |∇f| = 2.00: keep "
                                           "climbing. The highest point, 3.00 at (1.00, 0), is 1.00 higher.")
    assert verdict_text(verdict, "de") == ("Kein Gipfel: Der Gradient zeigt noch nach Westen mit |∇f| = 2,00 – steig "
                                           "weiter auf. Der höchste Punkt, 3,00 bei (1,00; 0), liegt 1,00 höher.")
    assert verdict_text(verdict, "fr") == ("Pas un sommet\u00a0: le gradient pointe encore plein ouest avec "
                                           "|∇f| = 2,00\u00a0: continue de monter. Le point le plus haut, 3,00 en "
                                           "(1,00\u00a0; 0), est plus haut de 1,00.")


def test_local_summit_near_a_lower_peak():
    verdict = claimed(two_hills(), -1.45, 0.02)
    en, de = verdict_text(verdict, "en"), verdict_text(verdict, "de")
    assert en == ("You are on a local summit: the top of this hill is less than 0.0400 above you. But a higher "
                  "summit exists: 2.00 at (1.50, 0), 1.00 higher. Gradient ascent only ever sees its own hill.")
    assert de == ("Du stehst auf einem lokalen Gipfel: Die Spitze dieses Hügels liegt weniger als 0,0400 über dir. "
                  "Aber es gibt einen höheren Gipfel: 2,00 bei (1,50; 0), 1,00 höher. Der Gradientenaufstieg sieht "
                  "immer nur seinen eigenen Hügel.")


@pytest.mark.parametrize(("text", "kind", "en", "de"), [
    ("x**2 - y**2", "saddle", "a saddle point, where the ground curves down one way",
     "einen Sattelpunkt erreicht, wo der Boden"),
    ("x**2 + y**2", "minimum", "a minimum, the bottom of a bowl", "ein Minimum erreicht, den Boden einer Mulde"),
    ("x**3 - 3*x*y**2", "degenerate", "a stationary point, but the ground is flat in one direction and higher nearby",
     "einen stationären Punkt erreicht, aber in einer Richtung ist der Boden flach"),
])
def test_stationary_points_that_are_no_summit(text, kind, en, de):
    surface = FakeSurface(text, peak=(3.0, 0.0, 9.0), value_range=(-9.0, 9.0), maxima=[])
    verdict = claimed(FakeLevel(surface), 0.0, 0.0)
    assert verdict.reason == "stationary_other" and verdict.point == kind
    assert verdict_text(verdict, "en").startswith("Not a summit: you have reached " + en)
    assert verdict_text(verdict, "en").endswith("The highest point, 9.00 at (3.00, 0), is 9.00 higher.")
    assert verdict_text(verdict, "de").startswith("Kein Gipfel: Du hast " + de)
    assert verdict_text(verdict, "de").endswith("Der höchste Punkt, 9,00 bei (3,00; 0), liegt 9,00 höher.")


def test_edge_point_with_uphill_along_the_edge():
    verdict = claimed(linear(), 1.0, 0.0)
    en, de = verdict_text(verdict, "en"), verdict_text(verdict, "de")
    assert en.startswith("Not a summit: uphill points off the map here, but along the edge the gradient still points "
                         "north with |∇f| = 1.00: keep climbing along the edge. The highest point, ")
    assert de.startswith("Kein Gipfel: Bergauf geht es hier aus der Karte hinaus, aber entlang des Randes zeigt der "
                         "Gradient noch nach Norden mit |∇f| = 1,00 – steig am Rand entlang weiter auf. Der höchste ")


def test_constrained_local_summit_on_the_edge():
    text = "x + exp(-((y-0.2)/0.1)**2) + 2*exp(-((y-0.8)/0.1)**2)"
    surface = FakeSurface(text, domain=(0, 1, 0, 1), peak=(1.0, 0.8, 3.0), value_range=(0.0, 3.0))
    verdict = claimed(FakeLevel(surface), 1.0, 0.2)
    assert verdict_text(verdict, "en").startswith("You are on a local summit at the edge of the map: uphill points "
                                                  "off the map, and along the edge it goes no higher. But a higher "
                                                  "summit exists: 3.00 at (1.00, 0.800), ")
    assert verdict_text(verdict, "de").startswith("Du stehst auf einem lokalen Gipfel am Kartenrand: Bergauf geht es nur "
                                                  "aus der Karte hinaus")


def test_unknown_language_speaks_english_and_unknown_direction_is_a_question_mark():
    verdict = claimed(quadratic(), 2.0, 0.0)
    assert verdict_text(verdict, "xx") == verdict_text(verdict, "en")
    assert compass_word(None, "de") == "?" and compass_word("up", "en") == "?"


def test_no_nan_in_any_sentence():
    rng = random.Random(3)
    for make in (quadratic, two_hills, log_level, linear):
        for _ in range(25):
            game = Game(make())
            for _ in range(rng.randint(1, 4)):
                game.probe(rng.uniform(-4, 4), rng.uniform(-4, 4))
            verdict = game.claim()
            if verdict is not None:
                for lang in languages():
                    text = verdict_text(verdict, lang)
                    assert text and "nan" not in text and "{" not in text, text


def test_step_labels_cover_every_step_in_both_languages():
    for step in (*model.STEPS, "repeat"):
        for lang in languages():
            assert lookup(f"step.{step}", lang) and lookup(f"step.{step}.brief", lang), (step, lang)
            assert " (" not in step_label(step, lang, brief=True)
    assert step_label("overshoot", "de") == "zu weit (über den Gipfel hinaus)"
    assert step_label("repeat", "en") == "repeat (wasted probe)"
    assert step_label("repeat", "de") == "Wiederholung (verschwendet)"
    assert step_label("short", "en", brief=True) == "short"


def test_score_labels_and_compass_words():
    for key in model.SCORE_KEYS:
        assert lookup(f"score.{key}", "en") and lookup(f"score.{key}", "de") == score_label(key, "de")
    assert score_label("overshoots", "de") == "Zu weite Schritte"
    assert [compass_word(key, "de") for key in model.COMPASS][:3] == ["Osten", "Nordosten", "Norden"]
    assert all(compass_word(key, "en") == key for key in model.COMPASS)


def test_points_and_numbers():
    assert point_text(1.0, -0.5, "en") == "(1.00, \u22120.500)"
    assert point_text(1.0, -0.5, "de") == "(1,00; \u22120,500)"
    assert fmt_number(1.5, "xx") == "1.50"  # no catalogue: English
    assert fmt_number(1.5, "fr") == "1,50" and point_text(1.0, -0.5, "fr") == "(1,00\u00a0; \u22120,500)"
