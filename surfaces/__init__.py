"""Uphill's surfaces: parsed height functions with exact derivatives, class-code terrain and levels."""

from . import calculus
from .bounded import Unbounded, band_limits, unbounded
from .errors import ExpressionError, LevelError
from .functions import FUNCTION_NAMES
from .level import Level, builtin_levels, custom_level, level_by_id, level_problems, load_level
from .seeds import from_seed, new_code, normalize_code
from .surface import Surface, from_expression

__all__ = [
    "ExpressionError", "FUNCTION_NAMES", "LevelError", "Level", "Surface", "Unbounded", "band_limits", "builtin_levels",
    "calculus", "custom_level", "from_expression", "from_seed", "level_by_id", "level_problems", "load_level",
    "new_code", "normalize_code", "unbounded",
]
