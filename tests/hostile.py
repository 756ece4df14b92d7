"""A corpus of hostile expressions: deep, long, explosive, malformed or strange (the hardening tests run them all)."""

from __future__ import annotations

FUNCS = ("exp", "log", "sqrt", "sin", "cos", "tan", "sinh", "cosh", "tanh", "atan", "sigmoid", "abs")


def corpus() -> list[str]:
    """Over 300 inputs a player or a fuzzer might type; every one must be answered, never crash or hang."""
    out: list[str] = []
    for n in (2, 10, 40, 80, 100, 150, 250):
        out += ["*".join(["x"] * n), " ".join(["x", "y"] * (n // 2)), "+".join(["x*y"] * n), "/".join(["x"] * n)]
        out += ["*".join(["sin(x)"] * min(n, 120)), "*".join(["exp(x*y)"] * min(n, 40)), "^".join(["x"] * min(n, 60))]
    for depth in (5, 20, 40, 100, 500, 5000):
        out += ["(" * depth + "x" + ")" * depth, "-" * depth + "x", "sin(" * min(depth, 60) + "x" + ")" * min(depth, 60)]
        out += ["(" * min(depth, 50) + "x" + "^y)" * min(depth, 50)]
    for f in FUNCS:
        out += [f"{f}(x)", f"{f}({f}({f}(x*y)))", f"{f}(1e308*x)", f"{f}(-1e308)", f"{f}()", f"{f}(x,y)", f"{f}",
                f"{f}(x", f"{f.upper()}(x)", f"{f}(1/(x-x))", f"{f}(x)^{f}(y)^2"]
    for c in ("5e15", "1e300", "-1e308", "1e309", "9^9^9^9", "0*x+1e17", "1e-320*x", "x/0", "0/0", "log(-1)",
              "1/(x-x)", "log(x-10)", "sqrt(-1-x^2-y^2)", "tan(x*pi/2)", "1/(x*y)", "tan(x)^100",
              "1e300*exp(-(x^2+y^2))", "x^-1", "(-8)^(1/3)", "0^0", "x^0.5", "(-x)^0.5", "abs(x)^abs(y)"):
        out += [c, f"{c} + y", f"-({c})"]
    for junk in ("", " ", "()", ")(", "x y", "xy", "2x", "x**y**", "x +* y", "__import__('os')", "x.real", "lambda: 1",
                 "[x for x in y]", "x if y else 1", "１２", "ｘ", "x\u00a0+y", "x\u2212y", "x×y", "√x", "π", "∞", "nan",
                 "inf", "e^e^e^e", "pi^pi^pi", "min(x)", "max(x,y,x)", "min(x,y)", "x,y", "x;y", "x\ny", "#x", "'x'",
                 "x" * 500, "1" * 400, "9" * 320 + ".5", "e" * 100, "sin" * 50, "(x" * 120, "x)" * 120):
        out.append(junk)
    return out
