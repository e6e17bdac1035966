"""The one base of everything a student operates: chart panels, explorers, toggles, timelines, exercises.

A :class:`View` holds its state in one dict and offers the same plain-Python interface, usable and
tested without a browser:

* ``view.state`` — the value of every control;
* ``view.set(name=value, …)`` — change controls and refresh once. A bad name or value leaves the view
  as it was, shows a message naming the valid choices (``view.message``) and returns ``False``;
  nothing is raised;
* ``view.text`` — what the view shows, as plain text (a chart's text alternative);
* ``view.message`` — what could not be shown and why; ``view.error`` — the failure of the last
  refresh (``None`` when it worked), with ``view.last_traceback`` for maintainers;
* ``view.on_change(callback)`` — call ``callback(view)`` after every successful refresh;
* ``view.widget`` — the ipywidgets box. It carries the CSS classes ``nep-view`` and ``nep-<kind>``
  (``nep-panel``, ``nep-explorer``, ``nep-toggle``, ``nep-timeline``, ``nep-exercise``, ``nep-switch``).

A refresh runs under a guard: an exception becomes a message a student can read, is logged on the
``helpers`` logger (``logging.getLogger("helpers")``) with its traceback, and is kept in
``view.error``. Shown in a notebook, a view gives the live widget and, for viewers without a kernel
(and for nbval, which compares them), a deterministic ``text/plain`` and a static ``text/html``.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable

import ipywidgets as W

from helpers.errors import CourseError
from helpers.ui import html as H
from helpers.ui.controls import Control, Invalid

__all__ = ["View", "ImageView", "log", "flex_row", "smallest_text_px"]

log = logging.getLogger("helpers")


def flex_row(children: list, align: str = "flex-start", **layout) -> W.Box:
    """Children side by side, wrapping onto the next line when the notebook is narrow."""
    return W.Box(children, layout=W.Layout(display="flex", flex_flow="row wrap", align_items=align, **layout))


def smallest_text_px(fig) -> float | None:
    """The size, in image pixels, of the smallest visible, non-empty text the figure draws (``None``: no text).

    Shown at the image's own width, an image pixel is a CSS pixel; the browser test multiplies by the
    displayed scale to get the size a reader sees.
    """
    from matplotlib.text import Text

    def shown(artist):
        if not artist.get_visible():
            return
        yield artist
        for child in artist.get_children():
            yield from shown(child)

    sizes = [
        a.get_fontsize() for a in shown(fig) if isinstance(a, Text) and a.get_text().strip() and a.get_alpha() != 0
    ]
    return round(min(sizes) * fig.dpi / 72, 2) if sizes else None


class View:
    """State, validated ``set()``, a guarded refresh, one message area and a static fallback."""

    #: the CSS kind class: ``nep-<kind>``
    kind = "view"
    title = ""
    #: control name → a function that returns the normalised value or raises a CourseError naming the valid ones
    validators: dict = {}

    def __init__(self) -> None:
        self.controls: dict[str, Control] = {}
        self._state: dict[str, object] = {}
        self._syncing = False
        self.error: str | None = None
        self.last_traceback: str | None = None
        self._messages: list[str] = []
        self._text = ""
        self.renders = 0
        self._callbacks: list[Callable] = []
        self.message_html = W.HTML(value=H.message_box())
        self.message_html.add_class("nep-message")

    # ---- the interface -------------------------------------------------------------------
    @property
    def state(self) -> dict:
        """The value of every control."""
        return dict(self._state)

    @property
    def text(self) -> str:
        """What the view shows, as plain text."""
        return self._text

    @property
    def message(self) -> str:
        """What could not be shown and why (plain text), the error of the last refresh first."""
        parts = list(dict.fromkeys(self._messages))
        if self.error:
            parts.insert(0, f"Cannot show this choice: {self.error}")
        return "\n".join(parts)

    @message.setter
    def message(self, msg: str) -> None:
        self._messages = [msg] if msg else []

    def options(self, name: str) -> list:
        """The values control ``name`` accepts (for sweeping every value in tests)."""
        c = self._control(name)
        return [t for t, _ in c.options] if c.kind == "range" else list(c.values)

    def set(self, **changes) -> bool:
        """Change several controls at once and refresh once; ``False`` and a message on a bad value."""
        try:
            new = self._check_changes(changes)
        except Invalid as exc:
            self._show_problem(str(exc))
            return False
        self._state.update(new)
        self._sync_widgets(new)
        self._refresh_guarded(changed=set(new))
        return self.error is None

    def on_change(self, callback: Callable) -> None:
        """Call ``callback(view)`` after every successful refresh (a student's change or ``set``)."""
        self._callbacks.append(callback)

    def display(self) -> None:
        """Show the view (the same as leaving it last in a cell)."""
        from IPython.display import display

        display(self)

    def plain_text(self) -> str:
        """The view as plain text for ``text/plain`` (what nbval compares)."""
        return f"{self.title}\n{self.text}" if self.title else self.text

    def static_html(self) -> str:  # pragma: no cover - every view overrides it
        return f"<pre>{H.escape(self.plain_text())}</pre>"

    def _repr_mimebundle_(self, include=None, exclude=None, **kwargs):
        bundle = self.widget._repr_mimebundle_(**kwargs) or {}
        bundle["text/plain"] = self.plain_text()
        bundle["text/html"] = f'<div class="nep-static-view nep-static-{self.kind}">{self.static_html()}</div>'
        return bundle

    # ---- for subclasses ------------------------------------------------------------------
    def _refresh(self, changed: set[str] | None = None) -> None:  # pragma: no cover - abstract
        """Redraw what ``changed`` affects (``None``: everything); may raise, the guard catches it."""
        raise NotImplementedError

    def _check_changes(self, changes: dict) -> dict:
        """Validated, normalised values of ``changes``; raise :class:`Invalid` for a bad one."""
        new = {}
        for name, value in changes.items():
            control = self._control(name)
            check = self.validators.get(name)
            try:
                new[name] = check(self, value) if check else control.validate(value)
            except Invalid:
                raise
            except CourseError as exc:  # e.g. an unknown mode: the message names the valid ones
                raise Invalid(str(exc)) from None
        return new

    def _control(self, name: str) -> Control:
        if name not in self.controls:
            what = type(self).__name__
            raise Invalid(f"This {what} has no control {name!r}; its controls are: {', '.join(self.controls)}.")
        return self.controls[name]

    def _add(self, control: Control) -> Control:
        self.controls[control.name] = control
        self._state[control.name] = control.get()
        control.observe(self._on_widget)
        return control

    def _assemble(self, children: list, **layout) -> W.Box:
        """The view's box, with the CSS hooks ``nep-view`` and ``nep-<kind>`` and the views' stylesheet."""
        style = W.HTML(H.VIEW_CSS, layout=W.Layout(display="none"))
        self.widget = W.VBox([*children, style], layout=W.Layout(max_width="1080px", **layout))
        self.widget.add_class("nep-view")
        self.widget.add_class(f"nep-{self.kind}")
        return self.widget

    def _on_widget(self, name: str) -> None:
        """A student changed control ``name``: take its value and refresh."""
        if self._syncing:
            return
        value = self.controls[name].get()
        if value == self._state.get(name):
            return
        self._state[name] = value
        self._sync_widgets({name: value})  # e.g. a range put back in order
        self._refresh_guarded(changed={name})

    def _sync_widgets(self, values: dict) -> None:
        self._syncing = True
        try:
            for name, value in values.items():
                if name in self.controls:
                    self.controls[name].put(value)
        finally:
            self._syncing = False

    def _show_problem(self, msg: str) -> None:
        """A value that was refused: the message, the view unchanged."""
        self._messages = [msg]
        self.message_html.value = H.message_box([msg])

    def _show_messages(self, messages) -> None:
        self._messages = list(messages)
        self.message_html.value = H.message_box(self._messages, self.error)

    def _refresh_guarded(self, changed: set[str] | None = None) -> bool:
        """Run :meth:`_refresh`; a failure becomes a message, a log record and ``self.error``."""
        try:
            self._refresh(changed)
        except Exception as exc:  # a student never sees a traceback; tests and maintainers read view.error
            self.error = f"{type(exc).__name__}: {exc}"
            self.last_traceback = traceback.format_exc()
            log.exception("%s %r could not show the state %r", type(self).__name__, self.title, self._state)
            self._messages = []
            self.message_html.value = H.message_box([], self.error)
            return False
        self.error = None
        self.last_traceback = None
        for callback in list(self._callbacks):
            try:
                callback(self)
            except Exception:  # a notebook's callback must not break the view
                log.exception("on_change callback %r of %s failed", callback, type(self).__name__)
        return True


class ImageView(View):
    """A view with one picture: an ``<img>`` with a data-URI PNG and a short ``alt`` text, inside an
    ipywidgets ``HTML`` widget (``self.image``, CSS class ``nep-chart``) whose value is replaced on each
    redraw; with a static fallback.

    ipywidgets' own ``Image`` widget renders an ``<img>`` without ``alt`` (WCAG 1.1.1, axe's
    ``image-alt``), and its tooltip, the only attribute it offers, stops JupyterLab drawing it. The ``alt``
    text names the chart and points to the full text description under it (``self.text_html``).
    """

    #: the width of the picture in CSS pixels (a chart's figure width × dpi: one image pixel per CSS pixel)
    image_width = 792

    def __init__(self) -> None:
        super().__init__()
        self._png = b""
        #: the title the picture shows now (explorers set it on each redraw); ``title`` when empty
        self._chart_title = ""
        self.image = W.HTML(value="", layout=W.Layout(width=f"{self.image_width}px", max_width="100%"))
        self.image.add_class("nep-chart")
        self.text_html = W.HTML(layout=W.Layout(max_width="1060px"))
        self.text_html.add_class("nep-textalt-box")

    @property
    def png(self) -> bytes:
        """The PNG bytes the view shows now."""
        return self._png

    @property
    def image_alt(self) -> str:
        """The picture's short ``alt`` text: the chart's title and where its full description is."""
        title = " ".join(str(self._chart_title or self.title or "").split())
        return (
            f"Chart: {title}. See the text description below." if title else ("Chart. See the text description below.")
        )

    def _figure(self):
        """The matplotlib figure the picture is drawn from (a panel's chart's, or an explorer's own)."""
        chart = getattr(self, "chart", None)
        return getattr(chart, "figure", None) or getattr(self, "figure", None)

    def min_text_px(self) -> float | None:
        """The size in image pixels of the smallest text the picture shows (``None`` without a figure)."""
        fig = self._figure()
        return smallest_text_px(fig) if fig is not None else None

    def _show_png(self, png: bytes) -> None:
        self._png = png
        self.image.value = H.live_image(png, self.image_alt, self.image_width, min_text_px=self.min_text_px())
        self.renders += 1

    def _show_text(self, text: str) -> None:
        self._text = text
        self.text_html.value = H.text_alternative(text)

    def static_png(self) -> bytes:  # pragma: no cover - abstract
        raise NotImplementedError

    def static_html(self) -> str:
        """The picture (compact PNG) with its text alternative as ``alt`` text and a collapsed caption."""
        png = self.static_png()
        return H.figure(png, self.text, self.image_width, H.text_alternative(self.text), min_text_px=self.min_text_px())
