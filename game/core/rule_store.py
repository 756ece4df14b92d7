"""The learner's step rules, saved beside their progress (store entry "rules": atomic, a damaged file set aside)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from game.core.storage import Notice, Store
from surfaces.rule import compile_rule
from surfaces.rule_parse import MAX_RULE_LENGTH, RuleError

RULES = "rules"  # the store entry (rules.json on the desktop, localStorage in the browser)
VERSION = 1


@dataclass
class RuleBook:
    """What the editor keeps: the text being written (`draft`, may have mistakes) and the last rule that ran."""

    draft: str = ""
    rule: str = ""  # "" until the learner used a rule that compiles

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {"version": VERSION, "draft": self.draft, "rule": self.rule}

    @staticmethod
    def problems(data: Any) -> list[str]:
        """What is wrong with loaded data (empty when it is valid)."""
        if not isinstance(data, dict):
            return [f"expected an object, found {type(data).__name__}"]
        problems = []
        for key in ("draft", "rule"):
            value = data.get(key, "")
            if not isinstance(value, str) or len(value) > MAX_RULE_LENGTH:
                problems.append(f"'{key}' must be text of at most {MAX_RULE_LENGTH} characters")
        return problems

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "RuleBook":
        """The book from checked data; a saved rule that no longer compiles is kept as the draft only."""
        draft, rule = str(data.get("draft", "")), str(data.get("rule", ""))
        if rule:
            try:
                compile_rule(rule)
            except RuleError:
                draft, rule = draft or rule, ""
        return cls(draft, rule)


def load_rules(store: Store) -> tuple[RuleBook, Notice | None]:
    """The saved rules (an empty book when missing or damaged) and a notice or None."""
    data, notice = store.load(RULES, RuleBook.problems)
    return RuleBook.from_dict(data), notice


def save_rules(store: Store, book: RuleBook) -> Notice | None:
    """Save atomically; None or a notice."""
    return store.save(RULES, book.to_dict())


__all__ = ["RULES", "RuleBook", "load_rules", "save_rules"]
