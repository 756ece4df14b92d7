"""The words of model levels: a model's equation with its parameters, its error, the chain rule's factors."""

from __future__ import annotations

from game.text.catalog import t
from game.text.numbers import MINUS, fmt_number


def _sign(value: float, lang: str) -> tuple[str, str]:
    """("+" or "−", |value| formatted): m·x + c is written with the sign between the terms."""
    return ("+", fmt_number(abs(value), lang)) if value >= 0 or value != value else (MINUS, fmt_number(-value, lang))


def equation(kind: str, p: float, q: float, lang: str = "en") -> str:
    """"y = 0.803·x + 1.27", "a = sigmoid(1.20·x − 0.450)" or "y = 2.48·e^(−0.695·x)" in `lang`."""
    if kind == "line":
        sign, c = _sign(q, lang)
        return t("model.eq.line", lang, m=fmt_number(p, lang), sign=sign, c=c)
    if kind == "neuron":
        sign, b = _sign(q, lang)
        return t("model.eq.neuron", lang, w=fmt_number(p, lang), sign=sign, b=b)
    return t("model.eq.exp", lang, a=fmt_number(p, lang), k=fmt_number(-q, lang))


def mse(value: float, lang: str = "en") -> str:
    """"MSE 0.488": the mean squared error (minus the height)."""
    return t("model.inset.mse", lang, mse=fmt_number(value, lang))


def best(kind: str, p: float, q: float, error: float, lang: str = "en") -> tuple[str, str]:
    """The reveal's two lines: the best fit's equation, and its error."""
    return (t("model.inset.best", lang, equation=equation(kind, p, q, lang)),
            t("model.inset.best_mse", lang, mse=fmt_number(error, lang)))


__all__ = ["best", "chain_lines", "data_error", "equation", "mse"]


def chain_lines(rule, n: int, probe: int, lang: str = "en") -> dict[str, object]:
    """The chain-rule plate's words for one probe: title, example, the four nodes, the three backward factors, the
    two products for the example and the line of means (rule: surfaces.models.ChainRule; n rows in the data)."""
    f = lambda v: fmt_number(v, lang)  # noqa: E731
    g = lambda v: f"({f(v)})" if f(v).startswith(MINUS) else f(v)  # noqa: E731  (a negative factor in a product)
    return {
        "title": t("model.chain.title", lang, n=probe),
        "example": t("model.chain.example", lang, i=rule.i + 1, n=n, x=f(rule.x), t=f(rule.t)),
        "nodes": [t("model.chain.node_x", lang, x=f(rule.x)), t("model.chain.node_z", lang, z=f(rule.z)),
                  t("model.chain.node_a", lang, a=f(rule.a)), t("model.chain.node_c", lang, c=f(rule.c))],
        "factors": [t("model.chain.dz_dw", lang, v=f(rule.dz_dw)), t("model.chain.da_dz", lang, v=f(rule.da_dz)),
                    t("model.chain.dc_da", lang, v=f(rule.dc_da))],
        "products": [t("model.chain.dc_dw", lang, ca=f(rule.dc_da), az=g(rule.da_dz), zw=g(rule.dz_dw),
                       v=f(rule.dc_dw)),
                     t("model.chain.dc_db", lang, ca=f(rule.dc_da), az=g(rule.da_dz), v=f(rule.dc_db))],
        "mean": t("model.chain.mean", lang, n=n, c=f(rule.mean_c), w=f(rule.mean_dw), b=f(rule.mean_db)),
    }


def data_error(error, lang: str = "en") -> str:
    """A data set's problem (surfaces.data.DataError: code, line, column, values) in `lang`: "Line 3, column 2: …"."""
    values = {name: str(value) for name, value in error.values.items()}
    why = t(f"model.data.why.{error.code}", lang, **values)
    if error.line and error.column:
        return t("model.data.at_line_column", lang, line=error.line, column=error.column, why=why)
    if error.line:
        return t("model.data.at_line", lang, line=error.line, why=why)
    if error.column:
        return t("model.data.at_column", lang, column=error.column, why=why)
    return why
