"""The period review as a printed page (and the same HTML the Review dialog previews): counts achieved /
not achieved per unit, then every goal and measure with target, actual, achieved, change, status and
countermeasure."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication

from ..core.review import OWED_MARK, Review, change_note, owed_mark, owed_notes
from ..core.status import STATUS_COLOURS
from .models.numbers_model import number_text


def review_html(review: Review, labels: dict[str, str], table) -> str:
    scope = f"{review.unit.code} {review.unit.title}" if review.unit else QCoreApplication.translate("Review", "the whole plan")
    heading = QCoreApplication.translate("Review", "Review of %1").replace("%1", review.period)
    as_of = QCoreApplication.translate("Review", "as of %1").replace("%1", review.as_of.isoformat())
    head = f"<h2>{escape(heading)} — {escape(scope)}</h2><p>{escape(as_of)}</p>"
    counts = [[escape(unit.code), escape(unit.org_unit or unit.title), *map(str, numbers)]
              for unit, *numbers in review.counts().values()]
    total = QCoreApplication.translate("Review", "Total")
    counts.append([f"<b>{escape(total)}</b>", "", *(f"<b>{n}</b>" for n in review.totals())])
    summary = table([QCoreApplication.translate("Review", "Unit"), QCoreApplication.translate("Review", "Org unit"), QCoreApplication.translate("Review", "Achieved"), QCoreApplication.translate("Review", "Not achieved"), QCoreApplication.translate("Review", "Without a number"),
                     QCoreApplication.translate("Review", "Without a target")], counts, [12, 32, 14, 14, 14, 14],
                    right=(2, 3, 4, 5))
    rows = []
    for r in review.rows:
        status = str(r.status)
        achieved = (QCoreApplication.translate("Review", "yes") if r.achieved else
                    QCoreApplication.translate("Review", "no") if r.achieved is False else "—") + owed_mark(r)
        change = "" if r.change is None else ("+" if r.change > 0 else "") + number_text(r.change, 2)
        rows.append([f'{"&nbsp;" * 2 * r.depth}{escape(r.node.code)}', escape(r.node.title), number_text(r.target, 2),
                     number_text(r.actual, 2), escape(achieved), change,
                     f'<span style="color:{STATUS_COLOURS.get(status, "#000")}">{escape(labels.get(status, status))}</span>',
                     escape(r.comment)])
    items = table([QCoreApplication.translate("Review", "Code"), QCoreApplication.translate("Review", "Title"), QCoreApplication.translate("Review", "Target"), QCoreApplication.translate("Review", "Actual"), QCoreApplication.translate("Review", "Achieved", "a column of yes or no"), QCoreApplication.translate("Review", "Change"), QCoreApplication.translate("Review", "Status"),
                   QCoreApplication.translate("Review", "Countermeasure")], rows, [13, 24, 9, 9, 6, 8, 8, 23], right=(2, 3, 5))
    notes = "".join(f"<p><small>{escape(OWED_MARK) if i == 0 else ''} {escape(note)}</small></p>"
                    for i, note in enumerate(owed_notes(review.rows)))
    if (said := change_note(review)) is not None:
        notes += f"<p><small>{escape(said)}</small></p>"
    judged = QCoreApplication.translate(
        "Review", "Achieved: whether the period's figure reached its target. Status: the same figure judged by its "
        "amber and red limits (its own, else the plan's) — a figure that misses its target but stays within the amber "
        "limit is on track.")
    notes += f"<p><small>{escape(judged)}</small></p>"
    return head + summary + "<p></p>" + items + notes
