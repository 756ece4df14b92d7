"""Tokenizer and parser of step rules: assignments ``name = expression`` (DESIGN "Step rules"; never uses eval).

A rule is statements separated by new lines or ``;``; ``#`` starts a comment to the end of the line.  The
expression grammar is the surface language's (surfaces/parse.py: ``^``/``**``, implicit multiplication, the
same functions), with more names: the inputs and the rule's own variables.  A name is a letter followed by
letters and digits (``vx``, ``m2``); anything else (``_``, ``.``, quotes) is refused with its line and column.

Trees are tuples: ``("num", v)``, ``("var", name, pos)``, ``("sum", ((sign, node), ...))``,
``("prod", ((op, node), ...))`` with op ``*`` or ``/``, ``("neg", node)``, ``("pow", base, exponent)``,
``("call", name, (args...))``.  Chains of ``+`` and ``*`` are one n-ary node, so a long sum does not nest.
"""

from __future__ import annotations

import math

from .errors import ExpressionError
from .functions import PUBLIC as FUNCTIONS
from .parse import MAX_DEPTH as EXPRESSION_DEPTH, MAX_LENGTH as EXPRESSION_LENGTH, MAX_NODES, _describe
from .parse import number_end as _number_end

INPUTS = ("x", "y", "f", "gx", "gy", "hxx", "hxy", "hyy", "k")
OUTPUTS = ("dx", "dy")
CONSTANTS = {"pi": math.pi, "e": math.e}
MAX_RULE_LENGTH = 2000  # characters of the whole rule, checked before anything else
MAX_STATEMENTS = 40
MAX_STATEMENT_LENGTH = EXPRESSION_LENGTH  # one assignment is as long as an expression may be
MAX_DEPTH = min(EXPRESSION_DEPTH, 40)  # nesting; the evaluator's closures nest about as deep
MAX_NAME = 24

_ALIASES = {"\u2212": "-", "\u00d7": "*", "\u00b7": "*", "\u22c5": "*"}
_START = "a number, a name, a function or '('"


class RuleError(ExpressionError):
    """A step rule that cannot run; ``line`` and ``column`` are 1-based, ``position`` 0-based in the text."""

    def __init__(self, text: str, position: int, message: str, code: str = "", name: str = "") -> None:
        position = max(0, min(position, len(text)))
        line = text.count("\n", 0, position) + 1
        column = position - (text.rfind("\n", 0, position) + 1) + 1
        super().__init__(f"line {line}, column {column}: {message}", position)
        self.line, self.column, self.detail = line, column, message
        self.code, self.name = code, name  # for translations: "unknown", "input", "missing", "character", ""


def tokenize(text: str) -> list[tuple[str, object, int]]:
    """Tokens (kind, value, position): num, name, op (``+-*/^(),=``), sep (new line or ``;``), bad, end."""
    tokens: list[tuple[str, object, int]] = []
    i, n = 0, len(text)
    while i < n:
        ch = _ALIASES.get(text[i], text[i])
        if ch in " \t\r":
            i += 1
        elif ch == "#":
            while i < n and text[i] != "\n":
                i += 1
        elif ch in "\n;":
            tokens.append(("sep", ch, i))
            i += 1
        elif ch.isascii() and (ch.isdigit() or (ch == "." and i + 1 < n and text[i + 1].isdigit())):
            j = _number_end(text, i)
            tokens.append(("num", float(text[i:j]), i))
            i = j
        elif ch.isascii() and ch.isalpha():
            j = i
            while j < n and text[j].isascii() and text[j].isalnum():
                j += 1
            tokens.append(("name", text[i:j], i))
            i = j
        elif ch == "*" and text[i + 1: i + 2] == "*":
            tokens.append(("op", "^", i))
            i += 2
        elif ch in "+-*/^(),=":
            tokens.append(("op", ch, i))
            i += 1
        else:
            tokens.append(("bad", text[i], i))
            i += 1
    tokens.append(("end", None, n))
    return tokens


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = tokenize(text)
        self.i = 0
        self.depth = 0
        self.nodes = 0

    def error(self, position: int, message: str, code: str = "", name: str = "") -> RuleError:
        return RuleError(self.text, position, message, code, name)

    def peek(self) -> tuple[str, object, int]:
        return self.tokens[self.i]

    def advance(self) -> tuple[str, object, int]:
        tok = self.tokens[self.i]
        self.i += 1
        return tok

    def is_op(self, ch: str) -> bool:
        kind, value, _ = self.peek()
        return kind == "op" and value == ch

    def fail(self, expected: str) -> RuleError:
        kind, value, pos = self.peek()
        if kind == "bad":
            return self.error(pos, f"unexpected character {_describe(str(value))}", "character", str(value))
        found = {"end": "the end", "sep": "the end of the statement"}.get(kind, repr(value))
        if kind == "num":
            found = repr(self.text[pos:_number_end(self.text, pos)])
        return self.error(pos, f"expected {expected}, found {found}")

    def node(self, tree: tuple) -> tuple:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise self.error(self.peek()[2], f"rule too large (more than {MAX_NODES} nodes)")
        return tree

    def enter(self, pos: int) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise self.error(pos, f"nested too deeply (limit {MAX_DEPTH})")

    # -- statements ------------------------------------------------------------------------------
    def statements(self) -> list[tuple[str, int, tuple, int]]:
        """[(target, position, tree, statement start)] in order."""
        out: list[tuple[str, int, tuple, int]] = []
        while True:
            kind, value, pos = self.peek()
            if kind == "end":
                return out
            if kind == "sep":
                self.advance()
                continue
            if len(out) >= MAX_STATEMENTS:
                raise self.error(pos, f"too many statements (limit {MAX_STATEMENTS})")
            out.append(self.statement())
            kind, _, pos = self.peek()
            if kind not in ("sep", "end"):
                raise self.fail("an operator, ';' or a new line")

    def statement(self) -> tuple[str, int, tuple, int]:
        kind, value, pos = self.peek()
        if kind != "name":
            raise self.fail("a name to assign, such as dx")
        name = str(value)
        self.advance()
        if not self.is_op("="):
            raise self.fail(f"'=' after {name}")
        self.advance()
        if name in INPUTS:
            raise self.error(pos, f"{name} is an input (read it, do not assign it); inputs: {', '.join(INPUTS)}",
                             "input", name)
        if name in CONSTANTS or name in FUNCTIONS:
            raise self.error(pos, f"{name} is a {'constant' if name in CONSTANTS else 'function'}; choose another name")
        if len(name) > MAX_NAME:
            raise self.error(pos, f"name too long (limit {MAX_NAME} characters)")
        self.depth = 0
        tree = self.expr()
        end = self.peek()[2]
        if end - pos > MAX_STATEMENT_LENGTH:
            raise self.error(pos, f"statement too long (limit {MAX_STATEMENT_LENGTH} characters)")
        return name, pos, tree, pos

    # -- expressions (the grammar of surfaces/parse.py) -----------------------------------------------
    def expr(self) -> tuple:
        terms = [(1, self.term())]
        while self.peek()[0] == "op" and self.peek()[1] in "+-":
            sign = 1 if self.advance()[1] == "+" else -1
            terms.append((sign, self.term()))
        return terms[0][1] if len(terms) == 1 else self.node(("sum", tuple(terms)))

    def term(self) -> tuple:
        factors = [("*", self.unary())]
        while True:
            kind, value, pos = self.peek()
            if kind == "op" and value in "*/":
                self.advance()
                factors.append((str(value), self.unary()))
            elif kind == "name" or (kind == "op" and value == "("):
                factors.append(("*", self.unary()))
            else:
                return factors[0][1] if len(factors) == 1 else self.node(("prod", tuple(factors)))

    def unary(self) -> tuple:
        kind, value, pos = self.peek()
        if kind == "op" and value in "+-":
            self.advance()
            self.enter(pos)
            operand = self.unary()
            self.depth -= 1
            return self.node(("neg", operand)) if value == "-" else operand
        return self.power()

    def power(self) -> tuple:
        base = self.atom()
        if self.is_op("^"):
            _, _, pos = self.advance()
            self.enter(pos)
            exponent = self.unary()
            self.depth -= 1
            return self.node(("pow", base, exponent))
        return base

    def atom(self) -> tuple:
        kind, value, pos = self.peek()
        if kind == "num":
            self.advance()
            if not math.isfinite(float(value)):  # type: ignore[arg-type]
                raise self.error(pos, "number too large")
            return self.node(("num", float(value)))  # type: ignore[arg-type]
        if kind == "op" and value == "(":
            self.advance()
            self.enter(pos)
            inner = self.expr()
            self.depth -= 1
            if not self.is_op(")"):
                raise self.fail(f"')' to close the '(' at column {pos - self.text.rfind(chr(10), 0, pos)}")
            self.advance()
            return inner
        if kind == "name":
            return self.name(str(value), pos)
        raise self.fail(_START)

    def name(self, name: str, pos: int) -> tuple:
        self.advance()
        if name in CONSTANTS:
            return self.node(("num", CONSTANTS[name]))
        if name not in FUNCTIONS:
            return self.node(("var", name, pos))
        arity = FUNCTIONS[name]
        if not self.is_op("("):
            raise self.fail(f"'(' after {name}")
        self.advance()
        self.enter(pos)
        args = [self.expr()]
        while self.is_op(","):
            self.advance()
            args.append(self.expr())
        self.depth -= 1
        if not self.is_op(")"):
            raise self.fail(f"')' to close {name}(")
        self.advance()
        if len(args) != arity:
            plural = "argument" if arity == 1 else "arguments"
            raise self.error(pos, f"{name} takes {arity} {plural}, got {len(args)}")
        return self.node(("call", name, tuple(args)))


def _names(tree: tuple):
    """Every ("var", name, pos) leaf of a tree, in text order (iterative: trees may be wide)."""
    stack = [tree]
    found = []
    while stack:
        node = stack.pop()
        op = node[0]
        if op == "var":
            found.append(node)
        elif op in ("sum", "prod"):
            stack.extend(child for _, child in node[1])
        elif op == "neg":
            stack.append(node[1])
        elif op == "pow":
            stack.extend((node[1], node[2]))
        elif op == "call":
            stack.extend(node[2])
    return sorted(found, key=lambda leaf: leaf[2])


def parse_rule(text: str) -> list[tuple[str, tuple]]:
    """The rule's statements [(target, tree)], or RuleError naming the line and column of the first problem."""
    if not isinstance(text, str):
        raise ExpressionError("a step rule must be text", 0)
    if len(text) > MAX_RULE_LENGTH:
        raise RuleError(text[:MAX_RULE_LENGTH + 1], MAX_RULE_LENGTH,
                        f"rule too long: {len(text)} characters, limit {MAX_RULE_LENGTH}")
    parser = _Parser(text)
    statements = parser.statements()
    if not statements:
        raise RuleError(text, 0, "empty rule: write dx = … and dy = … (for example dx = 0.5*gx)")
    assigned = {target for target, _, _, _ in statements}
    for target, _, tree, _ in statements:
        for _, name, pos in _names(tree):
            if name not in INPUTS and name not in assigned:
                hint = f"inputs: {', '.join(INPUTS)}; your own variables must be assigned somewhere"
                raise RuleError(text, pos, f"unknown name '{name}' ({hint})", "unknown", name)
    for out in OUTPUTS:
        if out not in assigned:
            raise RuleError(text, len(text), f"the rule must set {out} (for example {out} = 0.5*g{out[1]})",
                            "missing", out)
    return [(target, tree) for target, _, tree, _ in statements]


__all__ = ["INPUTS", "OUTPUTS", "MAX_RULE_LENGTH", "MAX_STATEMENTS", "RuleError", "parse_rule", "tokenize"]
