"""Charts drawn by the app as inline SVG: horizontal bars, stacked columns and lines.

No script and no CDN. Every chart reads printed in black and white: each series has
its own fill pattern (solid, hatched, dotted, cross-hatched...) or line dash and
marker, a legend names them, and the numbers are written beside the bars.
Labels are escaped; the result is a `<figure>` with the title as its caption, as
`Markup` ready for a template."""
from collections.abc import Sequence
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from markupsafe import Markup, escape

INK = "#212529"
FONT = 'font-family="system-ui, sans-serif" font-size="12"'
LABEL_CHARS = 26  # about 170 px of 12 px text: the room left of the bars
LEGEND_ROW = 18


@dataclass(frozen=True)
class Series:
    """One named row of numbers, one per label of the chart."""

    name: str
    values: Sequence[int]


# The fill of series i: (pattern body or None for solid ink). Patterns are 8x8 tiles.
PATTERNS = (
    None,
    '<line x1="0" y1="0" x2="0" y2="8" stroke="{ink}" stroke-width="3"/>',
    '<circle cx="4" cy="4" r="1.6" fill="{ink}"/>',
    '<path d="M0 0L8 8M8 0L0 8" stroke="{ink}" stroke-width="1.4"/>',
    '<line x1="0" y1="4" x2="8" y2="4" stroke="{ink}" stroke-width="2"/>',
    "",  # white with an outline
)
PATTERN_ROTATION = {1: 45}
DASHES = ("", "6 3", "2 3", "10 3 2 3", "1 1", "12 6")
MARKERS = ("circle", "square", "triangle", "diamond", "cross", "none")


def _text(value) -> str:
    """A label shortened for the chart and escaped for SVG."""
    text = str(value)
    if len(text) > LABEL_CHARS:
        text = text[: LABEL_CHARS - 1] + "…"
    return str(escape(text))


def _fill(chart_id: str, index: int) -> str:
    if PATTERNS[index % len(PATTERNS)] is None:
        return f'fill="{INK}"'
    return f'fill="url(#{chart_id}-p{index % len(PATTERNS)})" stroke="{INK}" stroke-width="0.8"'


def _pattern_defs(chart_id: str, count: int) -> str:
    defs = []
    for index in range(min(count, len(PATTERNS))):
        body = PATTERNS[index]
        if body is None:
            continue
        rotation = PATTERN_ROTATION.get(index)
        transform = f' patternTransform="rotate({rotation})"' if rotation else ""
        defs.append(
            f'<pattern id="{chart_id}-p{index}" patternUnits="userSpaceOnUse" width="8" height="8"{transform}>'
            f'<rect width="8" height="8" fill="#fff"/>{body.format(ink=INK)}</pattern>'
        )
    return f"<defs>{''.join(defs)}</defs>" if defs else ""


def _legend(chart_id: str, series: Sequence[Series], x: int, y: int, *, lines: bool = False) -> str:
    """Swatches and names, one per row, from (x, y)."""
    parts = []
    for index, one in enumerate(series):
        top = y + index * LEGEND_ROW
        if lines:
            parts.append(_line_swatch(index, x, top + 6))
        else:
            parts.append(f'<rect x="{x}" y="{top}" width="14" height="12" {_fill(chart_id, index)}/>')
        parts.append(f'<text x="{x + 22}" y="{top + 10}" {FONT} fill="{INK}">{_text(one.name)}</text>')
    return "".join(parts)


def _svg(chart_id: str, title: str, width: int, height: int, body: str, summary: str) -> Markup:
    return Markup(
        f'<figure class="chart mb-4"><figcaption class="h6" id="{chart_id}-title">{escape(title)}</figcaption>'
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart-svg" id="{chart_id}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}">'
        f'<desc id="{chart_id}-desc">{escape(summary)}</desc>{body}</svg></figure>'
    )


def _empty(title: str) -> Markup:
    return Markup(
        f'<figure class="chart mb-4"><figcaption class="h6">{escape(title)}</figcaption>'
        f'<p class="small text-muted">{escape(_l("Nothing to show yet."))}</p></figure>'
    )


def columns(rows: Sequence[Sequence], names: Sequence[str]) -> tuple[list[str], list[Series]]:
    """(label, value, value...) rows as the labels and one series per name."""
    labels = [str(row[0]) for row in rows]
    return labels, [Series(str(name), [int(row[1 + i]) for row in rows]) for i, name in enumerate(names)]


def _summary(labels: Sequence, series: Sequence[Series]) -> str:
    """The numbers in words, for screen readers: 'Dresden: Jan 3, Feb 5; Jinan: ...'."""
    return "; ".join(
        f"{one.name}: " + ", ".join(f"{label} {value}" for label, value in zip(labels, one.values))
        for one in series
    )


def _check(labels: Sequence, series: Sequence[Series]) -> None:
    for one in series:
        if len(one.values) != len(labels):
            raise ValueError(f"series {one.name!r} has {len(one.values)} values for {len(labels)} labels")
        if any(value < 0 for value in one.values):
            raise ValueError(f"series {one.name!r} has a negative value")


def bar_chart(chart_id: str, title: str, labels: Sequence, series: Sequence[Series],
              *, notes: Sequence[str] | None = None) -> Markup:
    """Horizontal bars, one group per label and one bar per series, each bar with its
    number (and the label's note after the first series' number, e.g. '+3 since 30 Sep')."""
    _check(labels, series)
    if not labels:
        return _empty(title)
    left, width, bar, gap = 180, 250, 14, 10
    legend = LEGEND_ROW * len(series) + 6 if len(series) > 1 else 0
    group = bar * len(series) + gap
    height = legend + group * len(labels) + 4
    top_value = max((v for one in series for v in one.values), default=0) or 1
    body = [_pattern_defs(chart_id, len(series))]
    if len(series) > 1:
        body.append(_legend(chart_id, series, left, 2))
    for row, label in enumerate(labels):
        y = legend + row * group
        body.append(f'<text x="{left - 8}" y="{y + group / 2 + 2:.0f}" text-anchor="end" {FONT} '
                    f'fill="{INK}">{_text(label)}</text>')
        for index, one in enumerate(series):
            value = one.values[row]
            length = value / top_value * width
            top = y + index * bar
            body.append(f'<rect x="{left}" y="{top}" width="{length:.1f}" height="{bar - 2}" '
                        f'{_fill(chart_id, index)}/>')
            note = f" {notes[row]}" if notes and index == 0 and notes[row] else ""
            body.append(f'<text x="{left + length + 6:.1f}" y="{top + bar - 4}" {FONT} '
                        f'fill="{INK}">{value}{escape(note)}</text>')
    return _svg(chart_id, title, left + width + 100, height, "".join(body), _summary(labels, series))


def stacked_chart(chart_id: str, title: str, labels: Sequence, series: Sequence[Series]) -> Markup:
    """Vertical columns, one per label, each stacking the series from the bottom,
    with the column's total above it."""
    _check(labels, series)
    if not labels:
        return _empty(title)
    left, plot_height, column, top = 34, 180, 26, 8
    legend_y = top + plot_height + 40
    height = legend_y + LEGEND_ROW * len(series)
    totals = [sum(one.values[i] for one in series) for i in range(len(labels))]
    top_value = max(totals, default=0) or 1
    width = left + column * len(labels) + 10
    base = top + plot_height + 14  # room above the tallest column for its total
    body = [_pattern_defs(chart_id, len(series)),
            f'<line x1="{left}" y1="{base}" x2="{width - 6}" y2="{base}" stroke="{INK}"/>']
    for i, label in enumerate(labels):
        x = left + i * column + 3
        y = base
        for index, one in enumerate(series):
            size = one.values[i] / top_value * plot_height
            if size:
                y -= size
                body.append(f'<rect x="{x}" y="{y:.1f}" width="{column - 6}" height="{size:.1f}" '
                            f'{_fill(chart_id, index)}/>')
        body.append(f'<text x="{x + (column - 6) / 2:.1f}" y="{y - 3:.1f}" text-anchor="middle" {FONT} '
                    f'fill="{INK}">{totals[i]}</text>')
        body.append(f'<text x="{x + (column - 6) / 2:.1f}" y="{base + 14}" text-anchor="middle" {FONT} '
                    f'fill="{INK}">{_text(label)}</text>')
    body.append(_legend(chart_id, series, left, legend_y))
    return _svg(chart_id, title, max(width, 260), height, "".join(body), _summary(labels, series))


def _line_swatch(index: int, x: int, y: int) -> str:
    dash = DASHES[index % len(DASHES)]
    dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
    return (f'<line x1="{x}" y1="{y}" x2="{x + 16}" y2="{y}" stroke="{INK}" stroke-width="2"{dash_attr}/>'
            + _marker(index, x + 8, y))


def _marker(index: int, x: float, y: float) -> str:
    kind = MARKERS[index % len(MARKERS)]
    if kind == "circle":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{INK}"/>'
    if kind == "square":
        return f'<rect x="{x - 3:.1f}" y="{y - 3:.1f}" width="6" height="6" fill="#fff" stroke="{INK}"/>'
    if kind == "triangle":
        return f'<path d="M{x:.1f} {y - 4:.1f}L{x + 4:.1f} {y + 3:.1f}L{x - 4:.1f} {y + 3:.1f}Z" fill="{INK}"/>'
    if kind == "diamond":
        return (f'<path d="M{x:.1f} {y - 4:.1f}L{x + 4:.1f} {y:.1f}L{x:.1f} {y + 4:.1f}L{x - 4:.1f} {y:.1f}Z" '
                f'fill="#fff" stroke="{INK}"/>')
    if kind == "cross":
        return (f'<path d="M{x - 3:.1f} {y - 3:.1f}L{x + 3:.1f} {y + 3:.1f}'
                f'M{x + 3:.1f} {y - 3:.1f}L{x - 3:.1f} {y + 3:.1f}" stroke="{INK}"/>')
    return ""


def line_chart(chart_id: str, title: str, labels: Sequence, series: Sequence[Series],
               *, label_every: int = 1) -> Markup:
    """One line per series over the labels (e.g. months), each with its own dash and
    marker; every `label_every`-th label is written under the axis, the last value of
    each line at its end."""
    _check(labels, series)
    if not labels:
        return _empty(title)
    left, step, plot_height, top = 34, 24, 160, 10
    base = top + plot_height
    legend_y = base + 30
    width = left + step * max(len(labels) - 1, 1) + 50
    height = legend_y + LEGEND_ROW * len(series)
    top_value = max((v for one in series for v in one.values), default=0) or 1
    body = [f'<line x1="{left}" y1="{base}" x2="{width - 40}" y2="{base}" stroke="{INK}"/>',
            f'<text x="{left - 6}" y="{top + 4}" text-anchor="end" {FONT} fill="{INK}">{top_value}</text>',
            f'<text x="{left - 6}" y="{base}" text-anchor="end" {FONT} fill="{INK}">0</text>']
    for i, label in enumerate(labels):
        if i % label_every == 0 or i == len(labels) - 1:
            body.append(f'<text x="{left + i * step}" y="{base + 16}" text-anchor="middle" {FONT} '
                        f'fill="{INK}">{_text(label)}</text>')
    for index, one in enumerate(series):
        points = [(left + i * step, base - value / top_value * plot_height) for i, value in enumerate(one.values)]
        dash = DASHES[index % len(DASHES)]
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
        body.append(f'<polyline points="{path}" fill="none" stroke="{INK}" stroke-width="1.6"{dash_attr}/>')
        body.extend(_marker(index, x, y) for x, y in points)
        if points:
            x, y = points[-1]
            body.append(f'<text x="{x + 8:.1f}" y="{y + 4:.1f}" {FONT} fill="{INK}">{one.values[-1]}</text>')
    body.append(_legend("", series, left, legend_y, lines=True))
    return _svg(chart_id, title, width, height, "".join(body), _summary(labels, series))
