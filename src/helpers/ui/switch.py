"""Two or more views in one place and toggle buttons to choose which is shown."""

from __future__ import annotations

from collections.abc import Mapping

from helpers.errors import CourseError
from helpers.ui import html as H
from helpers.ui.controls import Control
from helpers.ui.view import View, flex_row

__all__ = ["Switch"]


class Switch(View):
    """Two or more views in one place and toggle buttons to choose which is shown.

    ``widgets.switch({"rubles": rubles, "% of factory output": shares})``. Plain interface:
    ``.state`` (``{"show": label}``), ``.set(show=label)``, ``.shown`` (the view shown), ``.text``.
    Without a kernel every view is shown, one after the other, each under its label.
    """

    kind = "switch"

    def __init__(self, views: Mapping[str, object], *, description: str = "Show", show: str | None = None):
        super().__init__()
        self.views = dict(views)
        if len(self.views) < 2:
            raise CourseError(f"switch() needs at least two views, {{label: view}}; got {len(self.views)}.")
        first = show if show is not None else next(iter(self.views))
        if first not in self.views:
            raise CourseError(f"show={first!r} is not one of the views: {', '.join(self.views)}.")
        self.title = ""
        self._add(
            Control(
                "show",
                "single",
                description,
                [(k, k) for k in self.views],
                first,
                toggle=True,
                tooltips=[f"Show: {k}" for k in self.views],
            )
        )
        self.holder = flex_row([self.views[first].widget])
        self._assemble([self.controls["show"].widget, self.holder, self.message_html])
        self._refresh_guarded()

    @property
    def shown(self):
        """The view shown now."""
        return self.views[self._state["show"]]

    @property
    def text(self) -> str:
        return self.shown.text

    def plain_text(self) -> str:
        return "\n\n".join(f"[{label}]\n{v.plain_text()}" for label, v in self.views.items())

    def static_html(self) -> str:
        return "".join(
            f'<div class="nep-switch-view"><p><strong>{H.escape(label)}</strong></p>{v.static_html()}</div>'
            for label, v in self.views.items()
        )

    def _refresh(self, changed=None) -> None:
        self.holder.children = [self.shown.widget]
        self.renders += 1
