"""Errors raised by the course helpers.

Every error says what was wrong and what is allowed, so that a student who
mistypes a series name or a period gets a useful message rather than a
traceback from deep inside pandas.
"""

from __future__ import annotations

import difflib


class CourseError(ValueError):
    """Base class of all errors raised by :mod:`helpers`."""


class UnknownNameError(CourseError, KeyError):
    """A series, source, excerpt or figure id that does not exist."""

    def __init__(self, what: str, name: object, valid: list[str] | tuple[str, ...]):
        self.what, self.name, self.valid = what, name, list(valid)
        close = difflib.get_close_matches(str(name), [str(v) for v in valid], n=3, cutoff=0.5)
        hint = f" Did you mean {', '.join(repr(c) for c in close)}?" if close else ""
        listing = ", ".join(map(str, self.valid[:12]))
        more = f" … ({len(self.valid)} in all)" if len(self.valid) > 12 else ""
        super().__init__(f"Unknown {what} {name!r}.{hint} Valid choices: {listing}{more}.")

    def __str__(self) -> str:  # KeyError would otherwise print the repr of the message
        return self.args[0]


class PeriodError(CourseError):
    """A period string that is not in one of the accepted forms."""


class PriceBasisError(CourseError):
    """An attempt to combine values expressed in different price bases."""


class PeriodKindError(CourseError):
    """An attempt to mix economic years and calendar years without saying so."""


class UnitError(CourseError):
    """Units that cannot be converted into each other."""


class AmbiguousSelectionError(CourseError):
    """A selection that matches several different values; the message names the choices."""


class DataFileError(CourseError):
    """A data file that is missing, unreadable or does not match its schema."""


def show_message_only(shell, etype, value, tb, tb_offset=None) -> list[str]:
    """IPython's handler of a :class:`CourseError` in a notebook: the error box shows the message only.

    Installed by ``import helpers`` inside a Jupyter kernel (:func:`install_notebook_handler`). The message
    names what was wrong and what is allowed; the frames of the helpers would only hide it. Maintainers
    see the full traceback with ``%tb``, or anywhere outside a kernel (scripts, pytest).
    """
    stb = [str(value)]
    shell._showtraceback(etype, value, stb)  # how every IPython front end shows a structured traceback
    return stb


def install_notebook_handler() -> bool:
    """In a Jupyter kernel, show :class:`CourseError` s by their message only; elsewhere do nothing.

    Returns whether the handler was installed."""
    try:
        from IPython import get_ipython
    except ImportError:  # plain Python: nothing to install
        return False
    shell = get_ipython()
    if shell is None or getattr(shell, "kernel", None) is None:  # not a kernel (a script, a terminal IPython)
        return False
    shell.set_custom_exc((CourseError,), show_message_only)
    return True
