"""Controls: one logical setting of a view and the widget(s) a student operates.

Every control has an accessible name (its description is a ``<label>``, and each check box of a
group names its option), validates a value given in code (:meth:`Control.validate` raises
:class:`Invalid` naming the valid choices), and reads and writes its widgets without triggering a
redraw of its own. A range of periods is two drop-downs (*from*, *to*): every handle has a name and
works with the keyboard, which the range slider's handles did not (axe: ``aria-input-field-name``).
"""

from __future__ import annotations

from collections.abc import Sequence

import ipywidgets as W

from helpers.errors import CourseError

__all__ = ["Invalid", "Control", "KINDS", "DESC_STYLE", "dropdown", "toggle_buttons"]

#: the kinds of control
KINDS = ("single", "multi", "range", "bool")
DESC_STYLE = {"description_width": "initial"}


class Invalid(CourseError):
    """A value a view cannot take; the message names what was wrong and the valid choices."""


def dropdown(description: str, options, value, tooltip: str = "", width: str = "auto") -> W.Dropdown:
    """A drop-down whose description is its accessible name (never read as HTML)."""
    return W.Dropdown(
        options=options,
        value=value,
        description=description,
        tooltip=tooltip or description,
        style=DESC_STYLE,
        layout=W.Layout(width=width),
        description_allow_html=False,
    )


def toggle_buttons(description: str, options, value, tooltips: Sequence[str] = ()) -> W.ToggleButtons:
    """Toggle buttons with a described group and one tooltip per button."""
    w = W.ToggleButtons(
        options=options,
        value=value,
        description=description,
        tooltips=list(tooltips),
        style=DESC_STYLE,
        description_allow_html=False,
    )
    w.style.button_width = "auto"
    return w


def _pairs(options) -> list[tuple[str, object]]:
    """Options as ``(label, value)`` pairs (a bare value is its own label)."""
    return [o if isinstance(o, tuple) else (str(o), o) for o in options]


class Control:
    """One logical setting of a view and the widget(s) that show it.

    ``kind`` is ``'single'`` (a drop-down, or toggle buttons with ``toggle=True``), ``'multi'`` (a
    group of check boxes), ``'range'`` (two drop-downs: first and last period) or ``'bool'`` (a check
    box). ``options`` are ``(label, value)`` pairs.
    """

    def __init__(
        self,
        name: str,
        kind: str,
        description: str,
        options: Sequence[tuple[str, object]],
        value,
        *,
        tooltip: str = "",
        toggle: bool = False,
        visible: bool = True,
        tooltips: Sequence[str] = (),
    ):
        if kind not in KINDS:
            raise ValueError(f"Control kind {kind!r} is not one of {', '.join(KINDS)}.")
        self.name, self.kind, self.description = name, kind, description
        self.options = list(options)
        self.values = [v for _, v in self.options]
        self.tooltip = tooltip
        self.visible = visible
        self._toggle = toggle
        self._tooltips = list(tooltips)
        self.boxes: list[W.Checkbox] = []
        self.ends: tuple[W.Dropdown, W.Dropdown] | None = None
        self.widget = self._make(self.validate(value))  # a bad starting value names the valid ones
        if not visible:
            self.widget.layout.display = "none"

    @classmethod
    def from_widget(cls, name: str, widget) -> Control:
        """A single-choice control around an existing drop-down or toggle buttons."""
        self = cls.__new__(cls)
        self.name, self.kind, self.description = name, "single", widget.description
        self.options = _pairs(widget.options)
        self.values = [v for _, v in self.options]
        self.tooltip = getattr(widget, "tooltip", "") or ""
        self.visible = True
        self._toggle = isinstance(widget, W.ToggleButtons)
        self._tooltips = list(getattr(widget, "tooltips", ()) or ())
        self.boxes, self.ends = [], None
        self.widget = widget
        return self

    # ---- widgets -----------------------------------------------------------------------
    def _make(self, value):
        common = dict(description_allow_html=False, style=DESC_STYLE)
        if self.kind == "single":
            if self._toggle:
                w = W.ToggleButtons(
                    options=self.options,
                    value=value,
                    description=self.description,
                    tooltips=self._tooltips or [self.tooltip] * len(self.options),
                    tooltip=self.tooltip,
                    **common,
                )
                w.style.button_width = "auto"
                return w
            return W.Dropdown(
                options=self.options,
                value=value,
                description=self.description,
                tooltip=self.tooltip or self.description,
                layout=W.Layout(width="auto"),
                **common,
            )
        if self.kind == "bool":
            return W.Checkbox(
                value=bool(value),
                description=self.description,
                tooltip=self.tooltip,
                indent=False,
                layout=W.Layout(width="auto"),
                **common,
            )
        if self.kind == "range":
            labels = [t for t, _ in self.options]
            first = W.Dropdown(
                options=labels,
                value=value[0],
                description=f"{self.description} from",
                tooltip=f"{self.tooltip}: first period shown" if self.tooltip else "First period shown",
                layout=W.Layout(width="auto"),
                **common,
            )
            last = W.Dropdown(
                options=labels,
                value=value[1],
                description="to",
                tooltip=f"{self.tooltip}: last period shown" if self.tooltip else "Last period shown",
                layout=W.Layout(width="auto"),
                **common,
            )
            self.ends = (first, last)
            box = W.HBox([first, last], layout=W.Layout(align_items="center"))
            box.add_class("nep-range")
            return box
        self.boxes = [
            W.Checkbox(
                value=v in value,
                description=str(t),
                tooltip=f"{self.tooltip}: {t}" if self.tooltip else str(t),
                indent=False,
                description_allow_html=False,
                layout=W.Layout(width="auto", margin="0 0.8em 0 0"),
            )
            for t, v in self.options
        ]
        label = W.Label(self.description + ":", layout=W.Layout(width="auto", margin="0 0.5em 0 0"))
        box = W.HBox([label, *self.boxes], layout=W.Layout(flex_flow="row wrap", align_items="center"))
        box.add_class("nep-checkgroup")
        return box

    @property
    def _targets(self) -> list:
        if self.kind == "multi":
            return list(self.boxes)
        if self.kind == "range":
            return list(self.ends)
        return [self.widget]

    def observe(self, callback) -> None:
        """Call ``callback(name)`` whenever a student changes this control."""
        for w in self._targets:
            w.observe(lambda change, name=self.name: callback(name), names="value")

    def get(self):
        """The control's value as its widgets show it (a range is put in order)."""
        if self.kind == "multi":
            return tuple(v for b, v in zip(self.boxes, self.values) if b.value)
        if self.kind == "range":
            labels = [t for t, _ in self.options]
            a, b = self.ends[0].value, self.ends[1].value
            return tuple(sorted((a, b), key=lambda x: labels.index(x) if x in labels else 0))
        if self.kind == "bool":
            return bool(self.widget.value)
        return self.widget.value

    def put(self, value) -> None:
        """Show ``value`` (already validated) in the widgets."""
        if self.kind == "multi":
            for b, v in zip(self.boxes, self.values):
                if b.value != (v in value):
                    b.value = v in value
        elif self.kind == "range":
            for w, v in zip(self.ends, value):
                if w.value != v:
                    w.value = v
        elif self.widget.value != value:
            self.widget.value = value

    def show_only(self, values) -> None:
        """Show only the check boxes of ``values`` (a group of check boxes); the others are hidden, so that
        every box a reader sees changes the view. Their ticks are kept for when they show again."""
        if self.kind != "multi":
            raise ValueError(f"show_only is for a group of check boxes, not a {self.kind!r} control.")
        for b, v in zip(self.boxes, self.values):
            b.layout.display = None if v in values else "none"

    def set_options(self, options: Sequence[tuple[str, object]], value) -> None:
        """New options (single choice only), keeping ``value`` selected."""
        options = _pairs(options)
        if options == self.options:
            if self.widget.value != value:
                self.widget.value = value
            return
        self.options = options
        self.values = [v for _, v in options]
        # (not inside hold_trait_notifications: ipywidgets would validate the value against the old options)
        self.widget.options = options
        self.widget.value = value

    def set_range(self, labels: Sequence[str], value: tuple[str, str]) -> None:
        """New periods for a range (hidden when there is only one)."""
        labels = list(labels)
        self.options = [(lab, lab) for lab in labels]
        self.values = labels
        for w, v in zip(self.ends, value):
            if list(w.options) != labels:
                w.options = labels
            if w.value != v:
                w.value = v
        self.visible = len(labels) > 1
        self.widget.layout.display = None if self.visible else "none"

    def validate(self, value):
        """The normalised value, or :class:`Invalid` with a message naming the valid choices."""
        names = ", ".join(repr(t if self.kind == "range" else v) for t, v in self.options[:20])
        more = " …" if len(self.options) > 20 else ""
        if self.kind == "single":
            if value not in self.values:
                if isinstance(value, (int, float)) and not isinstance(value, bool) and str(int(value)) in self.values:
                    return str(int(value))  # base=1913 means '1913'
                raise Invalid(f"{value!r} is not a choice for '{self.description}'; choose one of: {names}{more}.")
            return value
        if self.kind == "bool":
            if not isinstance(value, bool) and value not in (0, 1):
                raise Invalid(f"'{self.description}' is on or off (True or False), not {value!r}.")
            return bool(value)
        if self.kind == "multi":
            if isinstance(value, str):
                value = (value,)
            try:
                wanted = list(value)
            except TypeError:
                raise Invalid(f"'{self.description}' takes a list of choices, not {value!r}.") from None
            bad = [v for v in wanted if v not in self.values]
            if bad:
                raise Invalid(f"{bad[0]!r} is not a choice for '{self.description}'; choose among: {names}{more}.")
            return tuple(v for v in self.values if v in wanted)
        labels = [t for t, _ in self.options]
        if isinstance(value, str) or not isinstance(value, Sequence) or len(value) != 2:
            raise Invalid(
                f"'{self.description}' takes two periods (first, last), e.g. ({labels[0]!r}, {labels[-1]!r})."
            )
        value = tuple(str(v) for v in value)
        bad = [v for v in value if v not in labels]
        if bad:
            raise Invalid(f"{bad[0]!r} is not a period of this chart; choose among: {', '.join(labels)}.")
        a, b = sorted(value, key=labels.index)
        return (a, b)
