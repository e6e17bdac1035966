"""What every student-facing view shares: the :class:`~helpers._ui.view.View` base, controls and HTML pieces.

* :mod:`helpers._ui.view` — :class:`View` (state, validated ``set``, guarded refresh, message, static
  fallback, CSS hooks) and :class:`ImageView` (a view with one data-URI picture);
* :mod:`helpers._ui.controls` — :class:`Control` (drop-down, toggle buttons, check boxes, a range of
  two drop-downs, a check box) and :class:`Invalid`;
* :mod:`helpers._ui.html` — the one escaper, message box, text alternative, figure and disclosure.
"""
