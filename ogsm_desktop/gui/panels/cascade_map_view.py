"""The cascade map in the window: the page of the unit the selected node belongs to (the unit with the
units cascaded from its strategies), drawn as it prints. A click on a unit selects it in the tree (and
shows its own page when it has units below); Up goes to the unit above; a unit whose units fill more
than a page is paged with Previous and Next. Export writes the page shown as PNG or SVG, or the whole
map, page by page, as PDF. The map is shown as wide as the pane within limits; Zoom in and Zoom out
(Ctrl and the wheel, Ctrl++ and Ctrl+-) size it by steps, Fit page (Ctrl+0) shows the whole page and keeps
it whole as the pane is resized."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRectF, QSizeF, Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QPainter, QPen, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QScrollArea, QSizePolicy, QToolButton, QVBoxLayout, QWidget

from ...core import cascade_map
from ...core.cascade_map import MapPage
from ...core.model import Kind
from ..cascade_map import area_points, page_title, paint_page
from ..session import Session

SMALLEST, LARGEST = 1.0, 1.4     # of the printed size: narrower than that, the map scrolls
ZOOM_MIN, ZOOM_MAX, ZOOM_STEP = 0.25, 4.0, 1.25     # of the printed size: the zoom's range and step
WHOLE_MIN = 0.1                  # of the printed size: the least a whole page is shown at in a small pane


class MapCanvas(QWidget):
    """One page of the map, scaled to the width it is given (within limits); tells which unit was clicked."""

    clicked = Signal(int)
    zoom_asked = Signal(int)              # steps in (Ctrl and the wheel)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("cascadeMapCanvas")
        self.page: MapPage | None = None
        self.width_pt = area_points().width()
        self.marked: int | None = None
        self.available = 600                   # the width the view gives it (its scroll area's)
        self.available_height = 400
        self.zoom: float | None = None         # of the printed size, chosen; None: as wide as the view
        self.whole_page = False                # the whole page in view, whatever the view's size
        self._turned = 0                       # the wheel's turn with Ctrl held, not a step yet
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)     # the zoom's keys work once the map is clicked

    def show_page(self, page: MapPage | None, marked: int | None = None) -> None:
        self.page, self.marked = page, marked
        self._fit()
        self.update()

    def printed(self) -> float:
        """Device pixels per point at the printed size (the screen's resolution)."""
        return self.logicalDpiX() / 72.0

    def scale(self) -> float:
        """Device pixels per point: the zoom chosen; the whole page in view; else as printed, fitted to the
        width within limits."""
        printed = self.printed()
        if self.whole_page and self.page is not None:
            whole = min((self.available - 8) / self.width_pt, (self.available_height - 16) / (self.page.height + 8))
            return max(printed * WHOLE_MIN, min(printed * ZOOM_MAX, whole))
        if self.zoom is not None:
            return printed * self.zoom
        return max(printed * SMALLEST, min(printed * LARGEST, (self.available - 8) / self.width_pt))

    def fit(self, available: int, available_height: int | None = None) -> None:
        self.available = available
        if available_height is not None:
            self.available_height = available_height
        scale = self.scale()
        height = 0 if self.page is None else int((self.page.height + 8) * scale) + 8
        self.setFixedSize(max(available, int(self.width_pt * scale) + 8), max(height, 40))

    def _fit(self) -> None:
        self.fit(self.available)

    def _origin(self) -> QPointF:
        return QPointF(max(4.0, (self.width() - self.width_pt * self.scale()) / 2), 4.0)

    def to_map(self, at: QPointF) -> QPointF:
        """The point of the map (in points) at ``at`` in the canvas's pixels."""
        origin, scale = self._origin(), self.scale()
        return QPointF((at.x() - origin.x()) / scale, (at.y() - origin.y()) / scale)

    def to_canvas(self, point: QPointF) -> QPointF:
        """Where the map's ``point`` (in points) is drawn, in the canvas's pixels."""
        origin, scale = self._origin(), self.scale()
        return QPointF(origin.x() + point.x() * scale, origin.y() + point.y() * scale)

    def box_rect(self, node_id: int | None) -> QRectF | None:
        """Where the box of ``node_id`` is drawn, in the canvas's pixels."""
        box = self._box(node_id)
        if box is None:
            return None
        scale = self.scale()
        return QRectF(self.to_canvas(QPointF(box.x, box.y)), QSizeF(box.width * scale, box.height * scale))

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("white"))
        if self.page is not None:
            origin = self._origin()
            painter.translate(origin)
            painter.scale(self.scale(), self.scale())
            paint_page(painter, self.page, self.width_pt, title=False)
            box = self._box(self.marked)
            if box is not None:
                painter.setPen(QPen(QColor("#1565c0"), 2.0))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRoundedRect(QRectF(box.x - 3, box.y - 3, box.width + 6, box.height + 6), 6, 6)
        painter.end()

    def _box(self, node_id: int | None):
        if self.page is None or node_id is None:
            return None
        return next((b for b in [self.page.top, *self.page.boxes, *self.page.chips] if b.node.id == node_id), None)

    def box_at(self, pos: QPointF):
        if self.page is None:
            return None
        at = self.to_map(pos)
        x, y = at.x(), at.y()
        for box in [self.page.top, *self.page.boxes, *self.page.chips]:
            if box.x <= x <= box.x + box.width and box.y <= y <= box.y + box.height:
                return box
        return None

    def mouseMoveEvent(self, event) -> None:
        box = self.box_at(event.position())
        self.setCursor(Qt.CursorShape.PointingHandCursor if box is not None else Qt.CursorShape.ArrowCursor)
        self.setToolTip(f"{box.node.code} {box.node.title}" if box is not None else "")

    def wheelEvent(self, event) -> None:
        """Ctrl and the wheel zoom, a step a notch (120, in as many events as a fine wheel or a touchpad
        sends it); the wheel alone scrolls (the scroll area's)."""
        if not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self._turned = 0
            event.ignore()
            return
        event.accept()
        self._turned += event.angleDelta().y()
        steps = int(self._turned / 120)            # (towards zero: the same either way)
        if steps:
            self._turned -= steps * 120
            self.zoom_asked.emit(steps)

    def mousePressEvent(self, event) -> None:
        box = self.box_at(event.position())
        if box is not None and event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit(box.node.id)


class CascadeMapView(QWidget):
    node_chosen = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("cascadeMapView")
        self.session: Session | None = None
        self.unit_id: int | None = None
        self.marked: int | None = None
        self.index = 0
        self.pages: list[MapPage] = []
        self.stale = True                  # the plan or the selection changed while the map was out of view
        self.heading = QLabel(self)
        self.heading.setObjectName("cascadeMapHeading")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.up = self._button(self.tr("Up"), self.tr("The map of the unit above"), self.go_up, "cascadeMapUp")
        self.previous = self._button(self.tr("Previous"), self.tr("The previous page of this unit"),
                                     lambda: self.turn(-1), "cascadeMapPrevious")
        self.next = self._button(self.tr("Next"), self.tr("The next page of this unit"), lambda: self.turn(1),
                                 "cascadeMapNext")
        self.zoom_out = self._button(self.tr("Zoom out"), self.tr("Show the map smaller"), lambda: self.zoom_by(-1),
                                     "cascadeMapZoomOut")
        self.zoom_label = QLabel(self)
        self.zoom_label.setObjectName("cascadeMapZoom")
        self.zoom_in = self._button(self.tr("Zoom in"), self.tr("Show the map larger"), lambda: self.zoom_by(1),
                                    "cascadeMapZoomIn")
        self.fit_page = self._button(self.tr("Fit page"), self.tr("Show the whole page in the pane"),
                                     self.show_whole_page, "cascadeMapFitPage")
        for keys, slot in ((QKeySequence.StandardKey.ZoomIn, lambda: self.zoom_by(1)),
                           (QKeySequence.StandardKey.ZoomOut, lambda: self.zoom_by(-1)),
                           (QKeySequence("Ctrl+0"), self.show_whole_page)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self.export = QToolButton(self)
        self.export.setObjectName("cascadeMapExport")
        self.canvas = MapCanvas(self)
        self.canvas.clicked.connect(self.node_chosen)
        self.canvas.zoom_asked.connect(self.zoom_by)
        self.scroll = scroll = QScrollArea(self)
        scroll.setWidgetResizable(False)
        scroll.setWidget(self.canvas)
        scroll.viewport().installEventFilter(self)          # a whole page stays whole as scroll bars come and go
        scroll.setStyleSheet("QScrollArea { background: white; }")
        bar = QHBoxLayout()                    # the heading on a line of its own: the buttons never take its room
        for widget in (self.up, self.previous, self.next, self.zoom_out, self.zoom_label, self.zoom_in, self.fit_page,
                       self.export):
            bar.addWidget(widget)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.heading)
        layout.addLayout(bar)
        layout.addWidget(scroll, 1)
        self.placeholder = self.tr("Select a node to see the cascade map around its unit.")
        self._show()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_canvas()
        self._show_heading()

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Resize and self.canvas.whole_page:
            self._fit_canvas()
        return False

    def _fit_canvas(self) -> None:
        viewport = self.scroll.viewport()
        self.canvas.fit(viewport.width(), viewport.height())
        self.zoom_label.setText(f"{round(self.canvas.scale() / self.canvas.printed() * 100)}%")

    # ----------------------------------------------------------------- zoom
    def zoom_by(self, steps: int) -> None:
        """Larger (``steps`` > 0) or smaller by steps of a quarter, from the size shown, within limits; the
        point of the map in the middle of the view stays there."""
        shown = self.canvas.scale() / self.canvas.printed()
        middle = self._middle()
        self.canvas.whole_page = False
        self.canvas.zoom = max(ZOOM_MIN, min(ZOOM_MAX, shown * ZOOM_STEP ** steps))
        self._fit_canvas()
        self._centre_on(middle)
        self.canvas.update()

    def show_whole_page(self) -> None:
        self.canvas.zoom, self.canvas.whole_page = None, True
        self._fit_canvas()
        self.canvas.update()

    def _middle(self) -> QPointF:
        """The point of the map (in points) in the middle of the view."""
        viewport = self.scroll.viewport()
        return self.canvas.to_map(QPointF(self.canvas.mapFrom(viewport, viewport.rect().center())))

    def _centre_on(self, point: QPointF) -> None:
        at, viewport = self.canvas.to_canvas(point), self.scroll.viewport()
        self.scroll.horizontalScrollBar().setValue(round(at.x() - viewport.width() / 2))
        self.scroll.verticalScrollBar().setValue(round(at.y() - viewport.height() / 2))

    def _button(self, text: str, tip: str, slot, name: str) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    # ----------------------------------------------------------------- following the window
    def set_session(self, session: Session | None) -> None:
        if self.session is not None:
            self.session.changed.disconnect(self._changed)
            self.session.model.judged.disconnect(self._refresh)
        self.session = session
        self.unit_id = self.marked = None
        if session is not None:
            session.changed.connect(self._changed)
            session.model.judged.connect(self._refresh)
        self._refresh()

    def show_node(self, node_id: int | None) -> None:
        """The page of the unit ``node_id`` belongs to — its own when it has units below, else the page of
        the unit above, where it is one of the boxes (marked)."""
        tree = self.session.model.tree if self.session is not None else None
        if tree is None or node_id not in tree.nodes:
            self.unit_id = self.marked = None
            self._refresh()
            return
        node = tree.nodes[node_id]
        while node.kind is not Kind.OBJECTIVE and node.parent_id is not None:
            node = tree.nodes[node.parent_id]
        self.marked = node.id
        unit = node
        if not cascade_map.units_below(tree, unit.id) and unit.parent_id is not None:
            above = tree.nodes[unit.parent_id]
            unit = tree.nodes[above.parent_id] if above.parent_id is not None else unit
        if unit.id != self.unit_id:
            self.index = 0
        self.unit_id = unit.id
        self._refresh()

    def _changed(self, changes) -> None:
        if changes.nodes_changed or changes.actuals_changed:
            self._refresh()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self.stale:
            self._refresh()

    def _refresh(self) -> None:
        """Lay out the unit's pages again — when the map is in view; else when it comes into view."""
        self.stale = not self.isVisible()
        if self.stale:
            return
        tree = self.session.model.tree if self.session is not None else None
        if tree is None or self.unit_id not in tree.nodes:
            self.pages = []
        else:
            area = area_points()
            self.pages = cascade_map.pages(tree, self.session.model.standing, area.width(), area.height(),
                                           [self.unit_id])
        if self.marked is not None:                 # the page the marked unit is on
            for i, page in enumerate(self.pages):
                if any(b.node.id == self.marked for b in page.boxes):
                    self.index = i
        self.index = max(0, min(self.index, len(self.pages) - 1))
        self._show()

    def _show(self) -> None:
        page = self.pages[self.index] if self.pages else None
        self.canvas.show_page(page, self.marked)
        self._fit_canvas()
        marked = self.canvas.box_rect(self.marked)
        if marked is not None:                        # the unit selected in view, in a map wider than the pane
            centre = marked.center()
            self.scroll.ensureVisible(int(centre.x()), int(centre.y()), int(marked.width() / 2) + 20,
                                      int(marked.height() / 2) + 20)
        self._show_heading()
        tree = self.session.model.tree if self.session is not None else None
        unit = tree.nodes.get(self.unit_id) if tree is not None and self.unit_id is not None else None
        self.up.setEnabled(unit is not None and unit.parent_id is not None)
        self.previous.setEnabled(self.index > 0)
        self.next.setEnabled(self.index < len(self.pages) - 1)
        self.previous.setVisible(len(self.pages) > 1)
        self.next.setVisible(len(self.pages) > 1)

    def _show_heading(self) -> None:
        """The page's heading, cut to the width in the unit's title (with "…"), what page it is kept whole;
        whole in its tooltip."""
        page = self.pages[self.index] if self.pages else None
        if page is None:
            self.heading.setText(self.placeholder)
            self.heading.setToolTip("")
            return
        tail = f"  ({self.index + 1}/{len(self.pages)})" if len(self.pages) > 1 else ""
        self.heading.setToolTip(page_title(page, tail=tail))
        self.heading.setText(page_title(page, self.heading.fontMetrics(), max(40, self.heading.width() - 2), tail))

    # ----------------------------------------------------------------- moving about
    def turn(self, step: int) -> None:
        self.index = max(0, min(len(self.pages) - 1, self.index + step))
        self.marked = None
        self._show()

    def go_up(self) -> None:
        tree = self.session.model.tree if self.session is not None else None
        unit = tree.nodes.get(self.unit_id) if tree is not None and self.unit_id is not None else None
        if unit is None or unit.parent_id is None:
            return
        strategy = tree.nodes[unit.parent_id]
        self.node_chosen.emit(strategy.parent_id if strategy.parent_id is not None else unit.id)

    def current_page(self) -> MapPage | None:
        return self.pages[self.index] if self.pages else None
