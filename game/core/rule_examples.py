"""The step-rule editor's five shipped examples, in the order the course meets them (names: climb.example.*)."""

from __future__ import annotations

EXAMPLES: tuple[tuple[str, str], ...] = (
    ("fixed", "# the same step every time: where does it stop?\ndx = 0.25\ndy = 0"),
    ("gradient", "# gradient ascent: a step proportional to the slope\ngamma = 0.3\ndx = gamma*gx\ndy = gamma*gy"),
    ("normalised", "# always the same length, along the gradient\nlen = sqrt(gx^2 + gy^2)\n"
                   "dx = 0.3*gx/len\ndy = 0.3*gy/len"),
    ("newton", "# Newton: jump to the top of the quadratic model\ndet = hxx*hyy - hxy^2\n"
               "dx = -(hyy*gx - hxy*gy)/det\ndy = -(hxx*gy - hxy*gx)/det"),
    ("momentum", "# momentum: remember the last steps\nvx = 0.8*vx + gx\nvy = 0.8*vy + gy\ndx = 0.1*vx\ndy = 0.1*vy"),
)

__all__ = ["EXAMPLES"]
