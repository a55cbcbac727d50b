"""The history page's progress plot: one point per session (its score in %), joined by a line,
with the running mastery (the adaptive rule over all answers) as a second line. Plain inline SVG
built from numbers only (every label is escaped), so it needs no script and no plotting library."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from html import escape

WIDTH, HEIGHT = 640, 240
LEFT, RIGHT, TOP, BOTTOM = 44, 16, 16, 36


def progress_svg(points: Sequence[tuple[datetime, float, float]]) -> str:
    """SVG for (when, session score 0..1, running mastery 0..1) per session, oldest first."""
    inner_w, inner_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    n = len(points)

    def x(i: int) -> float:
        return LEFT + (inner_w * i / (n - 1) if n > 1 else inner_w / 2)

    def y(v: float) -> float:
        return TOP + inner_h * (1 - max(0.0, min(1.0, v)))

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
             f'class="progress" aria-label="Score per session and running mastery">']
    for level in (0, 0.25, 0.5, 0.75, 1):
        parts.append(f'<line x1="{LEFT}" y1="{y(level):.1f}" x2="{WIDTH - RIGHT}" y2="{y(level):.1f}" '
                     f'stroke="#ddd"/><text x="{LEFT - 6}" y="{y(level) + 4:.1f}" text-anchor="end" '
                     f'font-size="11">{int(level * 100)}%</text>')
    if not points:
        parts.append(f'<text x="{WIDTH / 2}" y="{HEIGHT / 2}" text-anchor="middle" font-size="13">'
                     'No answers yet</text></svg>')
        return "".join(parts)
    for series, colour, index in (("score", "#1f6feb", 1), ("mastery", "#d97706", 2)):
        coords = " ".join(f"{x(i):.1f},{y(p[index]):.1f}" for i, p in enumerate(points))
        dash = ' stroke-dasharray="5 3"' if series == "mastery" else ""
        parts.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2"{dash} points="{coords}"/>')
        for i, p in enumerate(points):
            parts.append(f'<circle cx="{x(i):.1f}" cy="{y(p[index]):.1f}" r="3" fill="{colour}">'
                         f'<title>{escape(p[0].strftime("%Y-%m-%d %H:%M"))}: {series} {p[index]:.0%}</title></circle>')
    step = max(1, n // 8)
    for i in range(0, n, step):
        parts.append(f'<text x="{x(i):.1f}" y="{HEIGHT - BOTTOM + 16}" text-anchor="middle" font-size="11">'
                     f'{escape(points[i][0].strftime("%d %b"))}</text>')
    parts.append(f'<text x="{LEFT}" y="{HEIGHT - 4}" font-size="11" fill="#1f6feb">— score per session</text>'
                 f'<text x="{LEFT + 160}" y="{HEIGHT - 4}" font-size="11" fill="#d97706">- - running mastery</text>')
    parts.append("</svg>")
    return "".join(parts)
