"""What a student sees when something goes wrong: a message, never a traceback.

* A view whose refresh fails shows a message in the view and writes nothing to stderr (which, in a
  notebook, is the cell's output): the ``helpers`` logger has a NullHandler, so Python's last-resort
  handler never prints the logged traceback. Run in a fresh interpreter, because pytest's own log
  capture would hide the difference.
* In a kernel, a :class:`~helpers.errors.CourseError` shows its message only (an IPython custom
  exception handler, installed by ``import helpers``).
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from helpers.errors import CourseError, UnknownNameError, install_notebook_handler, show_message_only

FAILING_VIEW = textwrap.dedent(
    """
    from helpers import widgets

    panel = widgets.show("01-coal")

    def broken(state):
        raise RuntimeError("a model builder that fails")

    panel._build_model = broken
    ok = panel.set(scale="log")
    print("set:", ok, "| message:", panel.error)
    """
)


def test_a_failing_view_writes_nothing_to_stderr():
    run = subprocess.run([sys.executable, "-c", FAILING_VIEW], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.startswith("set: False | message: ") and len(run.stdout) > len("set: False | message: ") + 5
    assert run.stderr == ""


def test_the_failure_is_still_logged_for_maintainers(caplog):
    from helpers import widgets

    panel = widgets.show("01-coal")
    panel._build_model = lambda state: (_ for _ in ()).throw(RuntimeError("boom"))
    with caplog.at_level("ERROR", logger="helpers"):
        assert panel.set(scale="log") is False
    assert any("could not show the state" in r.getMessage() and r.exc_info for r in caplog.records)


@pytest.fixture
def shell():
    from IPython.core.interactiveshell import InteractiveShell

    sh = InteractiveShell.instance()
    yield sh
    sh.set_custom_exc((), None)
    InteractiveShell.clear_instance()


def test_a_course_error_in_a_cell_shows_its_message_only(shell, capsys):
    shell.set_custom_exc((CourseError,), show_message_only)
    shell.user_ns["UnknownNameError"] = UnknownNameError
    result = shell.run_cell("raise UnknownNameError('series', 'coal_outptu', ['coal_output', 'oil_output'])")
    shown = capsys.readouterr()
    assert isinstance(result.error_in_exec, UnknownNameError)  # the cell still fails (Run All stops there)
    text = shown.out + shown.err
    assert "Unknown series 'coal_outptu'. Did you mean 'coal_output'" in text
    assert "Traceback" not in text and "File " not in text and "raise " not in text


def test_other_errors_keep_their_traceback(shell, capsys):
    shell.set_custom_exc((CourseError,), show_message_only)
    shell.run_cell("1 / 0")
    shown = capsys.readouterr()
    assert "ZeroDivisionError" in shown.out + shown.err and "Traceback" in shown.out + shown.err


def test_the_handler_is_installed_only_in_a_kernel(shell):
    assert install_notebook_handler() is False  # an IPython shell that is not a kernel
    assert shell.custom_exceptions == ()
