"""UI strings in English and German, looked up by key: `t("menu.play", "de")`."""

from __future__ import annotations

LANGS = ("en", "de")

# key: (English, German). Placeholders in braces must match between the two.
STRINGS: dict[str, tuple[str, str]] = {
    # title
    "title.name": ("Uphill", "Uphill"),
    "title.tagline": ("Find the summit of a hidden surface with calculus.",
                      "Finde mit Analysis den Gipfel einer verborgenen Fläche."),
    "title.hint": ("Arrow keys and Enter, or click. H for help.",
                   "Pfeiltasten und Eingabe, oder klicken. H für Hilfe."),
    "menu.continue": ("Continue: {level}", "Weiter: {level}"),
    "menu.play": ("Play", "Spielen"),
    "menu.levels": ("Levels", "Level"),
    "menu.expr": ("Your own surface", "Eigene Fläche"),
    "menu.code": ("Class code", "Klassencode"),
    "menu.help": ("Help", "Hilfe"),
    "menu.quit": ("Quit", "Beenden"),
    # level select
    "levels.title": ("Levels", "Level"),
    "levels.best": ("best {score}", "Bestwert {score}"),
    "levels.module": ("Module: {module}", "Modul: {module}"),
    "levels.unplayed": ("not played yet", "noch nicht gespielt"),
    "levels.probes": ("{probes} probes, par {par}", "{probes} Messungen, Par {par}"),
    "levels.hint": ("Up/Down choose · Enter play · Esc back", "Hoch/Runter wählen · Eingabe spielen · Esc zurück"),
    "levels.total": ("{stars} of {max} stars", "{stars} von {max} Sternen"),
    # course modules (surfaces.level.MODULES); shown as "Module: …"
    "module.rise over run": ("rise over run", "Steigungsdreieck"),
    "module.the gradient": ("the gradient", "der Gradient"),
    "module.vectors point uphill": ("vectors point uphill", "Vektoren zeigen bergauf"),
    "module.Jacobian and Hessian": ("Jacobian and Hessian", "Jacobi- und Hesse-Matrix"),
    "module.chain rule": ("chain rule", "Kettenregel"),
    "module.Taylor series": ("Taylor series", "Taylorreihe"),
    "module.Newton and gradient descent": ("Newton and gradient descent", "Newton-Verfahren und Gradientenabstieg"),
    "module.linear regression": ("linear regression", "lineare Regression"),
    # play
    "play.no_probes": ("No probes left: claim the summit (C).", "Keine Messungen mehr: Gipfel melden (C)."),
    "play.outside": ("That point is outside the map.", "Dieser Punkt liegt außerhalb der Karte."),
    "play.probe_first": ("Probe at least once before you claim.", "Miss mindestens einmal, bevor du meldest."),
    "play.finished": ("This climb is over.", "Dieser Aufstieg ist vorbei."),
    "play.predict_title": ("Your height guess for the next probe", "Deine Höhenschätzung für die nächste Messung"),
    "play.predict_hint": ("Type a number · Up/Down or wheel adjust · Enter keep · Esc cancel",
                          "Zahl tippen · Hoch/Runter oder Mausrad ändern · Eingabe übernehmen · Esc abbrechen"),
    "play.predict_bad": ("Not a number: {text}", "Keine Zahl: {text}"),
    "play.guess_set": ("Guess {value} saved for the next probe.", "Schätzung {value} für die nächste Messung gespeichert."),
    "play.undefined": ("The surface is undefined here.", "Die Fläche ist hier nicht definiert."),
    "button.claim": ("Claim summit", "Gipfel melden"),
    "button.predict": ("Predict", "Schätzen"),
    "button.help": ("Help", "Hilfe"),
    "button.menu": ("Menu", "Menü"),
    # result
    "result.title.global": ("Summit reached!", "Gipfel erreicht!"),
    "result.title.local": ("A local summit", "Ein lokaler Gipfel"),
    "result.title.none": ("Not a summit", "Kein Gipfel"),
    "result.best": ("Best so far: {score}", "Bisher bester Wert: {score}"),
    "result.new_best": ("New best!", "Neuer Bestwert!"),
    "result.probes": ("{used} probes used, par {par}", "{used} Messungen verbraucht, Par {par}"),
    "button.next": ("Next level", "Nächstes Level"),
    "button.retry": ("Retry", "Nochmal"),
    "button.levels": ("Levels", "Level"),
    # pause
    "pause.title": ("Paused", "Pause"),
    "pause.resume": ("Resume", "Weiterspielen"),
    "pause.restart": ("Restart level", "Level neu starten"),
    "pause.levels": ("Level select", "Levelauswahl"),
    "pause.title_screen": ("Quit to title", "Zum Titelbildschirm"),
    # help
    "help.title": ("How to play", "So wird gespielt"),
    "help.goal": ("The map is hidden in fog. Each probe shows the height and the gradient ∇f, an arrow that "
                  "points uphill. Follow it, trust the Taylor preview, and claim the summit where ∇f is nearly zero.",
                  "Die Karte liegt im Nebel. Jede Messung zeigt die Höhe und den Gradienten ∇f, einen Pfeil, der "
                  "bergauf zeigt. Folge ihm, vertraue der Taylor-Vorschau und melde den Gipfel, wo ∇f fast null ist."),
    "help.rho": ("ρ compares the real gain with the predicted one: near 1 is a trusted step, below 0 an overshoot.",
                 "ρ vergleicht den echten Gewinn mit dem vorhergesagten: nahe 1 ist ein vertrauenswürdiger Schritt, "
                 "unter 0 ein Überschießen."),
    "help.close": ("Esc, H or Enter closes this help.", "Esc, H oder Eingabe schließt diese Hilfe."),
    "key.arrows": ("Arrow keys", "Pfeiltasten"),
    "key.arrows.do": ("move the cursor (Shift: fine steps)", "Cursor bewegen (Umschalt: feine Schritte)"),
    "key.pointer": ("Mouse / tap", "Maus / Tippen"),
    "key.pointer.do": ("aim; click or tap to probe there", "zielen; klicken oder tippen misst dort"),
    "key.probe": ("Space / Enter", "Leertaste / Eingabe"),
    "key.probe.do": ("probe at the cursor", "an der Cursorposition messen"),
    "key.claim": ("C", "C"),
    "key.claim.do": ("claim the summit", "Gipfel melden"),
    "key.predict": ("P", "P"),
    "key.predict.do": ("guess the next height (Up/Down, wheel)", "nächste Höhe schätzen (Hoch/Runter, Mausrad)"),
    "key.help": ("H / F1", "H / F1"),
    "key.help.do": ("this help", "diese Hilfe"),
    "key.back": ("Esc", "Esc"),
    "key.back.do": ("pause, cancel, back", "Pause, abbrechen, zurück"),
    "key.restart": ("R", "R"),
    "key.restart.do": ("restart the level", "Level neu starten"),
    "key.next": ("N", "N"),
    "key.next.do": ("next level (on the result screen)", "nächstes Level (auf dem Ergebnisbildschirm)"),
    "key.levels": ("L", "L"),
    "key.levels.do": ("level select (menus and results)", "Levelauswahl (Menüs und Ergebnis)"),
    "key.expr": ("E", "E"),
    "key.expr.do": ("type your own surface f(x, y)", "eigene Fläche f(x, y) eingeben"),
    "key.code": ("K", "K"),
    "key.code.do": ("enter a class code", "Klassencode eingeben"),
    "key.tab": ("Tab / Shift+Tab", "Tab / Umschalt+Tab"),
    "key.tab.do": ("next / previous menu item", "nächster / vorheriger Menüeintrag"),
    "key.fullscreen": ("F11", "F11"),
    "key.fullscreen.do": ("fullscreen on / off", "Vollbild an / aus"),
    # entry
    "entry.expr.title": ("Your own surface", "Eigene Fläche"),
    "entry.expr.prompt": ("f(x, y) =", "f(x, y) ="),
    "entry.expr.help": ("x, y, numbers, + − * / ^, ( ), pi, e, exp log sqrt sin cos tan sinh cosh tanh atan sigmoid abs min max",
                        "x, y, Zahlen, + − * / ^, ( ), pi, e, exp log sqrt sin cos tan sinh cosh tanh atan sigmoid abs min max"),
    "entry.expr.example": ("Example: 3*exp(-((x-1)^2 + y^2)) - 0.2x", "Beispiel: 3*exp(-((x-1)^2 + y^2)) - 0.2x"),
    "entry.code.title": ("Class code", "Klassencode"),
    "entry.code.prompt": ("Code:", "Code:"),
    "entry.code.help": ("Everyone who types the same code climbs the same terrain.",
                        "Alle, die denselben Code eingeben, erklimmen dasselbe Gelände."),
    "entry.code.example": ("Example: PEAK-4821", "Beispiel: PEAK-4821"),
    "entry.back": ("Back", "Zurück"),
    "entry.hint": ("Enter play · Esc back", "Eingabe spielen · Esc zurück"),
    "entry.empty": ("Type something first.", "Bitte zuerst etwas eingeben."),
    # app messages
    "banner.replay": ("Replaying {file}", "Wiedergabe von {file}"),
    "level.seed": ("Class code {code}", "Klassencode {code}"),
}


def t(key: str, lang: str = "en", **values: object) -> str:
    """The string for `key` in `lang` (English if the language is unknown), with `{name}`s filled in.

    An unknown key returns the key itself, so a typo shows on screen instead of crashing the game."""
    pair = STRINGS.get(key)
    if pair is None:
        return key
    text = pair[1] if lang == "de" else pair[0]
    return text.format(**values) if values else text


__all__ = ["t", "STRINGS", "LANGS"]
