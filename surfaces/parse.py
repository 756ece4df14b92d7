"""Tokenizer and recursive-descent parser for user-typed surface expressions (never uses eval).

Grammar (``^`` and ``**`` are the same; ``^`` is right-associative and binds tighter than unary minus)::

    expr   := term (('+' | '-') term)*
    term   := unary (('*' | '/' | implicit) unary)*
    unary  := ('-' | '+') unary | power
    power  := atom ('^' unary)?
    atom   := number | 'x' | 'y' | 'pi' | 'e' | name '(' expr (',' expr)* ')' | '(' expr ')'

Implicit multiplication: an operand directly followed by a name or '(' multiplies, with the same
precedence as '*': ``2x``, ``3(x+1)``, ``(x+1)(y-1)``, ``2 sin(x)``, ``2pi``, ``x y``.  A letter run is one
name, so ``xy`` is an error (write ``x*y`` or ``x y``), and ``1/2x`` means ``(1/2)*x``.
Unicode conveniences: '−' is minus, '×' and '·' are '*'.  Any other non-ASCII character is an error.
"""

from __future__ import annotations

import math
import unicodedata

from . import expr as E
from .derive import hessian_cost
from .errors import ExpressionError
from .functions import PUBLIC as FUNCTIONS

MAX_LENGTH = 500   # characters, checked before anything else
MAX_DEPTH = 50     # nesting of parentheses, unary minus, powers and function calls
MAX_NODES = 2000   # distinct tree nodes
MAX_DERIVATIVE_COST = 250_000  # estimated Hessian size (derive.hessian_cost), checked before building: ≤ ~0.1 s to build

_ALIASES = {"\u2212": "-", "\u00d7": "*", "\u00b7": "*", "\u22c5": "*"}
_KNOWN = "x, y, pi, e, " + ", ".join(FUNCTIONS)
_START = "a number, x, y, a function or '('"


def _describe(ch: str) -> str:
    if ch.isascii() and ch.isprintable():
        return repr(ch)
    name = unicodedata.name(ch, "unnamed character")
    return f"{ch!r} (U+{ord(ch):04X} {name})"


def number_end(text: str, i: int) -> int:
    """Where the ASCII number starting at `i` ends: digits, an optional fraction, an optional exponent."""
    n = len(text)
    j = i
    while j < n and text[j].isascii() and text[j].isdigit():
        j += 1
    if j < n and text[j] == ".":
        j += 1
        while j < n and text[j].isascii() and text[j].isdigit():
            j += 1
    if j < n and text[j] in "eE":
        k = j + 1
        if k < n and text[k] in "+-":
            k += 1
        if k < n and text[k].isascii() and text[k].isdigit():
            while k < n and text[k].isascii() and text[k].isdigit():
                k += 1
            j = k
    return j


def tokenize(text: str) -> list[tuple[str, object, int]]:
    """Tokens (kind, value, position); bad characters become ('bad', char) for the parser to report."""
    tokens: list[tuple[str, object, int]] = []
    i, n = 0, len(text)
    while i < n:
        ch = _ALIASES.get(text[i], text[i])
        if ch in " \t\r\n":
            i += 1
        elif ch.isascii() and (ch.isdigit() or (ch == "." and i + 1 < n and text[i + 1].isdigit())):
            j = number_end(text, i)
            tokens.append(("num", float(text[i:j]), i))
            i = j
        elif ch.isascii() and ch.isalpha():
            j = i
            while j < n and text[j].isascii() and text[j].isalpha():
                j += 1
            tokens.append(("name", text[i:j], i))
            i = j
        elif ch == "*" and text[i + 1: i + 2] == "*":
            tokens.append(("op", "^", i))
            i += 2
        elif ch in "+-*/^(),":
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
        self.positions: dict[int, int] = {}
        self.alive: list[E.Node] = []  # keeps marked nodes alive so their ids stay unique

    # -- helpers -----------------------------------------------------------------------------
    def peek(self) -> tuple[str, object, int]:
        return self.tokens[self.i]

    def advance(self) -> tuple[str, object, int]:
        tok = self.tokens[self.i]
        self.i += 1
        return tok

    def fail(self, expected: str, note: str = ""):
        kind, value, pos = self.peek()
        if kind == "bad":
            ch = str(value)
            hint = "" if ch.isascii() else "; only ASCII letters, digits and + - * / ^ ( ) , are allowed"
            raise ExpressionError(f"unexpected character {_describe(ch)} at position {pos}{hint}", pos)
        found = "the end" if kind == "end" else repr(value if kind != "num" else self.lexeme(pos))
        raise ExpressionError(f"expected {expected} at position {pos}{note}, found {found}", pos)

    def lexeme(self, pos: int) -> str:
        j = pos
        while j < len(self.text) and (self.text[j].isalnum() or self.text[j] in ".eE+-") and j - pos < 30:
            if self.text[j] in "+-" and self.text[j - 1] not in "eE":
                break
            j += 1
        return self.text[pos:j]

    def mark(self, node: E.Node, pos: int) -> E.Node:
        if id(node) not in self.positions:
            self.positions[id(node)] = pos
            self.alive.append(node)
        if node.op == "num" and not math.isfinite(node.value):
            _check_constants(node, self.positions)
        return node

    def enter(self, pos: int) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ExpressionError(f"expression nested too deeply at position {pos} (limit {MAX_DEPTH})", pos)

    def is_op(self, ch: str) -> bool:
        kind, value, _ = self.peek()
        return kind == "op" and value == ch

    # -- grammar -----------------------------------------------------------------------------
    def parse(self) -> E.Node:
        node = self.expr()
        kind, value, pos = self.peek()
        if kind != "end":
            if kind == "op" and value == ")":
                raise ExpressionError(f"unmatched ')' at position {pos}", pos)
            if kind == "num":
                self.fail("an operator such as + - * / ^ or the end")
            self.fail("an operator or the end")
        return node

    def expr(self) -> E.Node:
        left = self.term()
        while self.peek()[0] == "op" and self.peek()[1] in "+-":
            _, op, pos = self.advance()
            right = self.term()
            left = self.mark(E.add(left, right) if op == "+" else E.sub(left, right), pos)
        return left

    def term(self) -> E.Node:
        left = self.unary()
        while True:
            kind, value, pos = self.peek()
            if kind == "op" and value in "*/":
                self.advance()
                right = self.unary()
                left = self.mark(E.mul(left, right) if value == "*" else E.div(left, right), pos)
            elif kind == "name" or (kind == "op" and value == "("):
                right = self.unary()
                left = self.mark(E.mul(left, right), pos)
            else:
                return left

    def unary(self) -> E.Node:
        kind, value, pos = self.peek()
        if kind == "op" and value in "+-":
            self.advance()
            self.enter(pos)
            operand = self.unary()
            self.depth -= 1
            return self.mark(E.neg(operand), pos) if value == "-" else operand
        return self.power()

    def power(self) -> E.Node:
        base = self.atom()
        if self.is_op("^"):
            _, _, pos = self.advance()
            self.enter(pos)
            exponent = self.unary()
            self.depth -= 1
            return self.mark(E.power(base, exponent), pos)
        return base

    def atom(self) -> E.Node:
        kind, value, pos = self.peek()
        if kind == "num":
            self.advance()
            return self.mark(E.num(value), pos)
        if kind == "op" and value == "(":
            self.advance()
            self.enter(pos)
            inner = self.expr()
            self.depth -= 1
            if not self.is_op(")"):
                self.fail("')'", f" (to close the '(' at position {pos})")
            self.advance()
            return inner
        if kind == "name":
            return self.name(str(value), pos)
        self.fail(_START)

    def name(self, name: str, pos: int) -> E.Node:
        self.advance()
        if name == "x":
            return E.X
        if name == "y":
            return E.Y
        if name == "pi":
            return E.PI
        if name == "e":
            return E.E
        if name not in FUNCTIONS:
            hint = ""
            for f in FUNCTIONS:
                if name.startswith(f) and len(name) > len(f):
                    hint = f" (did you mean {f}({name[len(f):]})?)"
            if not hint and name.lower() in ("x", "y", "pi", "e", *FUNCTIONS):
                hint = f" (names are lower-case: {name.lower()})"
            if not hint and set(name) <= set("xy"):
                hint = f" (for a product write {'*'.join(name)})"
            raise ExpressionError(f"unknown name '{name}' at position {pos}{hint}; known: {_KNOWN}", pos)
        arity = FUNCTIONS[name]
        if not self.is_op("("):
            self.fail(f"'(' after {name}")
        open_pos = self.advance()[2]
        self.enter(open_pos)
        args = [self.expr()]
        while self.is_op(","):
            self.advance()
            args.append(self.expr())
        self.depth -= 1
        if not self.is_op(")"):
            want = "')'" if len(args) >= arity else "',' or ')'"
            self.fail(want, f" (to close {name}( at position {pos})")
        self.advance()
        if len(args) != arity:
            plural = "argument" if arity == 1 else "arguments"
            raise ExpressionError(
                f"{name} takes {arity} {plural}, got {len(args)} at position {pos}", pos)
        return self.mark(E.call(name, *args), pos)


def _check_constants(root: E.Node, positions: dict[int, int]) -> None:
    """Reject constant subexpressions that are not finite numbers (overflow, 1/0, log(-1))."""
    values: dict[int, float] = {}
    for node in E.postorder([root]):
        if node.deps:
            continue
        if node.op in ("num", "pi", "e"):
            v = node.value
        else:
            v = E.fold(node.op, [values[id(a)] for a in node.args])
        values[id(node)] = v
        if not math.isfinite(v):
            pos = positions.get(id(node), 0)
            what = "number too large" if math.isinf(v) else "undefined constant value"
            raise ExpressionError(f"{what} at position {pos}", pos)


def parse(text: str, max_length: int = MAX_LENGTH) -> E.Node:
    """Parse ``text`` into an expression tree, or raise ExpressionError with the position.

    ``max_length`` may be raised by trusted internal callers (generated terrain); the length is
    checked before anything else, so huge inputs answer at once.
    """
    if not isinstance(text, str):
        raise ExpressionError("expression must be a string", 0)
    if len(text) > max_length:
        raise ExpressionError(
            f"expression too long: {len(text)} characters, limit {max_length} at position {max_length}",
            max_length)
    if not text.strip():
        raise ExpressionError(f"empty expression: expected {_START} at position 0", 0)
    parser = _Parser(text)
    root = parser.parse()
    _check_constants(root, parser.positions)
    if E.count_nodes(root) > MAX_NODES:
        raise ExpressionError(f"expression too large (more than {MAX_NODES} nodes) at position 0", 0)
    if hessian_cost(root) > MAX_DERIVATIVE_COST:
        raise ExpressionError("expression too large to differentiate (its Hessian would take more than "
                              f"{MAX_DERIVATIVE_COST:.0e} terms; write x^n for a product of equal factors) "
                              "at position 0", 0)
    return root
