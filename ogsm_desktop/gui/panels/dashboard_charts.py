"""The dashboard's charts, drawn on matplotlib axes: a goal's or a measure's actuals against its target with
the amber and red bands and the trend to its due date; progress as bars (the units below an objective, the
goals or measures a node holds); status counts. Also drawn into the printed report's pages of charts.

A chart without numbers is never drawn as empty 0–1 axes: it says "No numbers yet" instead. Text is in
the bundled CJK font; long titles are wrapped and shortened, long names cut, period labels thinned and the
legend kept beside the plot, so nothing overlaps or is clipped.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
import threading
import warnings
from typing import TYPE_CHECKING

from ...core import periods
from ...core.status import STATUS_COLOURS
from ..fonts import CJK_FAMILY, cjk_font_path
from ..labels import chart_title

if TYPE_CHECKING:
    from ...core import charts

log = logging.getLogger(__name__)

_configured = False
CANVAS_MIN = (420, 380)          # below this the charts would squeeze their text together: the canvas scrolls
RED_BAND, AMBER_BAND = "#c62828", "#ef8f00"


def configure_matplotlib() -> None:
    """Register the bundled CJK font with matplotlib and make it the sans-serif family."""
    global _configured
    if _configured:
        return
    import matplotlib
    from matplotlib import font_manager

    font_manager.fontManager.addfont(cjk_font_path())
    matplotlib.rcParams["font.sans-serif"] = [CJK_FAMILY, "DejaVu Sans"]
    matplotlib.rcParams["font.family"] = "sans-serif"
    matplotlib.rcParams["axes.unicode_minus"] = False
    # A character no font has (a control character in an older plan's title) is drawn as an empty box;
    # matplotlib's warning about it would reach the command line's stderr.
    warnings.filterwarnings("ignore", message=r"Glyph \d+ .*missing from font", category=UserWarning)
    _configured = True


def import_in_background() -> threading.Thread:
    """Import what the dashboard's first showing needs on a thread of its own, while the window waits for the
    user: matplotlib takes 0.6-0.9 s to import (and builds its font cache on a machine's first run), which the
    first click on the Dashboard tab waited for. Asked for sooner, the window's thread waits only for what is
    left (Python's import lock). Not a daemon thread: quitting meanwhile waits for the import to end rather
    than tearing the interpreter down under it."""
    def load() -> None:
        try:
            import matplotlib.backends.backend_agg
            import matplotlib.backends.backend_qtagg
            import matplotlib.figure
            import matplotlib.font_manager
            import matplotlib.ticker  # noqa: F401
        except Exception:              # (imported again when the dashboard is shown, failing there if it must)
            log.exception("importing matplotlib ahead of the dashboard failed")

    thread = threading.Thread(target=load, name="import matplotlib")
    thread.start()
    return thread


# ----------------------------------------------------------------- fitting text
def _text_width(text: str, prop, dpi: float) -> float:
    """``text``'s width in pixels in font ``prop`` (measured by matplotlib's own renderer)."""
    from matplotlib.backends.backend_agg import RendererAgg

    global _measurer
    if _measurer is None or _measurer.dpi != dpi:
        _measurer = RendererAgg(1, 1, dpi)
    return _measurer.get_text_width_height_descent(text, prop, ismath=False)[0]


_measurer = None


def fit_text(text: str, prop, width_px: float, dpi: float, lines: int = 2) -> str:
    """``text`` wrapped into at most ``lines`` lines of at most ``width_px``, the last one shortened with
    "…" when it does not fit. Chinese breaks between any two characters; other text at spaces when it can."""
    text = " ".join(text.split())
    out: list[str] = []
    rest = text
    while rest and len(out) < lines:
        if _text_width(rest, prop, dpi) <= width_px:
            out.append(rest)
            rest = ""
            break
        if len(out) == lines - 1:                      # the last line: cut it and say so
            cut = len(rest)
            while cut > 1 and _text_width(rest[:cut].rstrip() + "…", prop, dpi) > width_px:
                cut -= 1
            out.append(rest[:cut].rstrip() + "…")
            rest = ""
            break
        cut = len(rest)
        while cut > 1 and _text_width(rest[:cut], prop, dpi) > width_px:
            cut -= 1
        space = rest.rfind(" ", 0, cut + 1)
        if space > cut // 2 and rest[:cut].isascii():   # a Latin word is not split when a space is near
            cut = space
        out.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    return "\n".join(out)


def _fit_title(ax, text: str, share: float = 1.0, width_px: float | None = None) -> None:
    """Set ``ax``'s title, wrapped and shortened to fit ``width_px`` (default: ``share`` of the figure's
    width). The full text is kept on the axes for :func:`refit_titles`."""
    from matplotlib.font_manager import FontProperties

    figure = ax.get_figure()
    if width_px is None:
        width_px = figure.get_figwidth() * figure.dpi * share - 24
    ax.ogsm_title = text
    ax.set_title(fit_text(text, FontProperties(size="large"), max(60.0, width_px), figure.dpi), fontsize="large")


def refit_titles(figure) -> None:
    """Fit every title to the room of its cell: centred over its columns of the grid (the tick labels beside
    the axes included), as wide as them, never over the neighbouring chart. The cell is known before the
    layout places the axes, so the figure is laid out once, as it is drawn: the title's x is the cell's
    centre in the figure's terms, its y the axes' own."""
    from matplotlib.transforms import blended_transform_factory

    width_px = figure.get_figwidth() * figure.dpi
    for ax in figure.axes:
        text = getattr(ax, "ogsm_title", None)
        spec = ax.get_subplotspec()
        if not text or spec is None:
            continue
        columns, ncols = spec.colspan, spec.get_gridspec().ncols
        left, right = columns.start / ncols, columns.stop / ncols
        _fit_title(ax, text, width_px=(right - left) * width_px - 24)
        ax.title.set_transform(blended_transform_factory(figure.transSubfigure, ax.transAxes) + ax.titleOffsetTrans)
        ax.title.set_x((left + right) / 2)


def draw_no_numbers(ax, title: str | None, message: str, share: float = 1.0) -> None:
    """A panel without numbers: its message alone, no axes."""
    ax.clear()
    ax.set_axis_off()
    if title:
        _fit_title(ax, title, share)
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes, color="#546e7a",
            fontsize="large")


def _short_names(names: list[str], prop, width_px: float, dpi: float) -> list[str]:
    return [fit_text(n, prop, width_px, dpi, lines=1) for n in names]


# ----------------------------------------------------------------- the charts
def draw_measure(ax, series: charts.MeasureSeries, labels: dict[str, str], share: float = 1.0) -> None:
    """Actuals against targets over time, with the amber/red bands and the forecast line; "No numbers
    yet" (``labels["no numbers"]``, else ``labels["no data"]``) when there is nothing to plot."""
    from matplotlib.font_manager import FontProperties

    node = series.node
    title = chart_title(node, labels)
    if not series.has_numbers:
        draw_no_numbers(ax, title, labels.get("no numbers", labels["no data"]), share)
        return
    values = [v for v in series.actuals + series.targets if v is not None]
    ax.clear()
    figure = ax.get_figure()
    xs = series.ends
    lower = node.direction == "lower"
    top, bottom = max(values), min(values)
    span = (top - bottom) or abs(top) or 1.0
    limit_low, limit_high = bottom - 0.15 * span, top + 0.15 * span
    _draw_bands(ax, series, labels, limit_high if lower else limit_low)
    alone = _alone(series.targets)                  # a target alone is a point, not a line
    ax.plot(xs, series.targets, color="#546e7a", linestyle="--", marker="o" if alone else None, markersize=4,
            markevery=alone, label=labels["target"])
    ax.plot(xs, series.actuals, color="#1565c0", marker="o", label=labels["actual"])
    if series.forecast:
        (x0, y0), (x1, y1) = series.forecast
        ax.plot([x0, x1], [y0, y1], color="#6a1b9a", linestyle=":", label=labels["forecast"])
    _fit_title(ax, title, share)
    width_px = figure.get_figwidth() * figure.dpi * share
    prop = FontProperties(size="small")
    handles, names = ax.get_legend_handles_labels()            # beside the plot, each entry in a narrow column
    names = [fit_text(n, prop, max(70.0, width_px * 0.18), figure.dpi) for n in names]
    ax.legend(handles, names, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize="small", frameon=False,
              borderaxespad=0)
    ax.grid(True, alpha=0.3)
    if not series.has_actuals:                       # a target to aim at, nothing measured yet: said in the chart
        ax.text(0.5, 0.5, labels["no actuals"], ha="center", va="center", transform=ax.transAxes, color="#546e7a",
                bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.85})
    most = max(2, int(width_px * 0.6 // 48))             # a rotated period label needs about 48 px
    step = max(1, math.ceil(len(xs) / most))
    ticks = xs[::step] + ([series.forecast[-1][0]] if series.forecast else [])
    names = series.periods[::step] + ([series.forecast[-1][0].isoformat()] if series.forecast else [])
    ax.set_xticks(ticks, names)
    ax.tick_params(axis="x", labelrotation=30, labelsize="small")
    ax.tick_params(axis="y", labelsize="small")


def _draw_bands(ax, series: charts.MeasureSeries, labels: dict[str, str], beyond: float) -> None:
    """The red band (from the red limit outwards, to ``beyond`` at least) and the amber one (between the
    amber and red limits) of the periods with a target: across the chart where every period has the same
    limits (a measure's own), else each period's over its own span, from its start to its end (the plan's
    percentages of its target; a target standing alone too)."""
    reds = [r for r in series.reds if r is not None]
    if not reds:
        return
    lower = series.node.direction == "lower"
    outer = max(beyond, *reds) if lower else min(beyond, *reds)
    ambers = [a for a in series.ambers if a is not None]
    if len(reds) == len(series.reds) and len(set(reds)) == 1 and len(set(ambers)) == 1:
        ax.axhspan(*sorted((outer, reds[0])), color=RED_BAND, alpha=0.10, label=labels["red"])
        ax.axhspan(*sorted((ambers[0], reds[0])), color=AMBER_BAND, alpha=0.12, label=labels["amber"])
        return
    xs, red, amber = _period_steps(series)
    ax.fill_between(xs, red, [outer] * len(xs), color=RED_BAND, alpha=0.10, linewidth=0, label=labels["red"])
    ax.fill_between(xs, amber, red, color=AMBER_BAND, alpha=0.12, linewidth=0, label=labels["amber"])


def _period_steps(series: charts.MeasureSeries) -> tuple[list[dt.date], list[float], list[float]]:
    """Each period with limits as a step over its span: ``(xs, reds, ambers)``, a gap (NaN) between periods
    that do not touch. The periods of the measure's own frequency (a quarter kept among months, from an
    older program or a frequency changed, is left out: its span covers theirs); a period overlapping the
    one before is left out too."""
    rows = [(p, end, amber, red) for p, end, amber, red
            in zip(series.periods, series.ends, series.ambers, series.reds, strict=True) if red is not None]
    own = periods.FREQUENCY_KIND.get(series.node.frequency, "month")
    rows = [r for r in rows if periods.kind_of(r[0]) == own] or rows
    nan = float("nan")
    xs: list[dt.date] = []
    reds: list[float] = []
    ambers: list[float] = []
    last_end = None
    for period, end, amber, red in rows:
        start = periods.period_bounds(period)[0]
        if last_end is not None:
            if start <= last_end:
                continue
            if (start - last_end).days > 1:
                xs.append(last_end)                  # the bands break where no period has a target
                reds.append(nan)
                ambers.append(nan)
        xs += [start, end]
        reds += [red, red]
        ambers += [amber, amber]
        last_end = end
    return xs, reds, ambers


def _alone(values: list) -> list[int]:
    """The indexes of the values with no value on either side: a dashed line draws nothing of them."""
    last = len(values) - 1
    return [i for i, v in enumerate(values) if v is not None
            and (i == 0 or values[i - 1] is None) and (i == last or values[i + 1] is None)]


def _rows_that_fit(ax, count: int) -> int:
    """How many bars with a small label each the panel's height holds (about 15 px a bar)."""
    figure = ax.get_figure()
    height_px = figure.get_figheight() * figure.dpi * ax.get_subplotspec().get_position(figure).height
    return max(2, min(count, int((height_px - 40) // 15)))


def draw_units(ax, rows: list[tuple[str, float]], labels: dict[str, str], share: float = 0.5, *,
               title: str | None = None, statuses: list[str] | None = None, lowest: bool = False) -> None:
    """Progress as bars, one a row (as many as the panel's height holds: the first ones, or with ``lowest`` the
    lowest, in their order): the units below an objective, or — with their ``title`` and ``statuses`` (each
    bar in its status's colour) — the goals or measures a node holds."""
    from matplotlib.font_manager import FontProperties

    title = title or labels["units"]
    if not rows:
        draw_no_numbers(ax, title, labels.get("no units", labels["no data"]) if title == labels["units"]
                    else labels.get("no numbers", labels["no data"]), share)
        return
    ax.clear()
    figure = ax.get_figure()
    fit = min(len(rows), _rows_that_fit(ax, len(rows)))
    chosen = sorted(sorted(range(len(rows)), key=lambda i: rows[i][1])[:fit]) if lowest else range(fit)
    shown = [rows[i] for i in chosen]
    statuses = None if statuses is None else [statuses[i] for i in chosen]
    if len(shown) < len(rows):
        title = labels.get("units lowest" if lowest else "units first", "%1").replace("%1", title).replace(
            "%2", str(len(shown)))
    _fit_title(ax, title, share)
    width = figure.get_figwidth() * figure.dpi * share * 0.4
    names = _short_names([name for name, _ in shown], FontProperties(size="small"), width, figure.dpi)[::-1]
    values = [value * 100 for _, value in shown][::-1]
    colours = "#1565c0" if statuses is None else \
        [STATUS_COLOURS.get(status, "#999") for status in statuses][::-1]
    bars = ax.barh(range(len(names)), values, color=colours)
    ax.set_yticks(range(len(names)), names)
    ax.set_xlim(0, 125)                                 # room for the "100%" beside a full bar
    narrow = figure.get_figwidth() * figure.dpi * share < 300
    ax.set_xticks([0, 100] if narrow else [0, 50, 100], ["0%", "100%"] if narrow else ["0%", "50%", "100%"])
    ax.bar_label(bars, fmt="%.0f%%", fontsize="small", padding=2)
    ax.tick_params(labelsize="small")
    ax.spines[["top", "right"]].set_visible(False)


def draw_statuses(ax, counts: dict[str, int], labels: dict[str, str], share: float = 0.5) -> None:
    """How many goals and measures stand in each status, as bars side by side (a label each, one line)."""
    from matplotlib.font_manager import FontProperties

    if not counts:
        draw_no_numbers(ax, labels["statuses"], labels.get("no numbers", labels["no data"]), share)
        return
    ax.clear()
    figure = ax.get_figure()
    _fit_title(ax, labels["statuses"], share)
    names = list(counts)
    width = figure.get_figwidth() * figure.dpi * share * 0.4
    words = _short_names([labels.get(n, n) for n in names], FontProperties(size="small"), width, figure.dpi)
    bars = ax.barh(range(len(names)), [counts[n] for n in names], color=[STATUS_COLOURS.get(n, "#999") for n in names])
    ax.set_yticks(range(len(names)), words)
    ax.invert_yaxis()
    ax.set_xlim(0, max(counts.values()) * 1.25)
    ax.bar_label(bars, fontsize="small", padding=2)
    ax.xaxis.set_major_locator(_integer_locator(2 if figure.get_figwidth() * figure.dpi * share < 300 else 4))
    ax.tick_params(labelsize="small")
    ax.spines[["top", "right"]].set_visible(False)


def _integer_locator(bins: int):
    from matplotlib.ticker import MaxNLocator

    return MaxNLocator(nbins=bins, integer=True)
