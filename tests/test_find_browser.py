"""tools/find_browser.py: which Chromium/Chrome the browser tests use, and what a newcomer is told without one."""

import os
import subprocess
import sys

import pytest
from _paths import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import find_browser as fb  # noqa: E402

NO_PATH = lambda name: None  # noqa: E731  (an empty PATH)


def _exe(path):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("#!/bin/sh\nexit 0\n")
    path.chmod(0o755)
    return str(path)


def test_environment_variable_wins_over_every_other_place(tmp_path):
    mine = _exe(tmp_path / "my" / "chrome")
    debian = _exe(tmp_path / "usr" / "bin" / "chromium")
    assert fb.find_browser({"NEP_BROWSER": mine}, NO_PATH, [debian]) == mine
    assert fb.find_browser({"CHROMIUM": mine}, NO_PATH, [debian]) == mine, "the older variable still works"


def test_a_wrong_environment_variable_is_an_error_not_a_silent_fallback(tmp_path):
    debian = _exe(tmp_path / "chromium")
    with pytest.raises(fb.BrowserSettingError, match=r"NEP_BROWSER='/nowhere/chrome' is not an executable file"):
        fb.find_browser({"NEP_BROWSER": "/nowhere/chrome"}, NO_PATH, [debian])
    not_executable = tmp_path / "plain-file"
    not_executable.write_text("")
    with pytest.raises(fb.BrowserSettingError, match="full path of Chromium or Google Chrome"):
        fb.find_browser({"NEP_BROWSER": str(not_executable)}, NO_PATH, [debian])


def test_debian_chromium_comes_before_path_and_app_bundles(tmp_path):
    debian = _exe(tmp_path / "usr" / "bin" / "chromium")
    on_path = _exe(tmp_path / "bin" / "google-chrome")
    mac = _exe(tmp_path / "Applications" / "Google Chrome.app" / "Contents" / "MacOS" / "Google Chrome")
    assert fb.find_browser({}, lambda n: on_path if n == "google-chrome" else None, [debian, mac]) == debian


def test_path_names_are_tried_in_order(tmp_path):
    found = {n: _exe(tmp_path / n) for n in ("chromium-browser", "google-chrome-stable")}
    calls = []

    def which(name):
        calls.append(name)
        return found.get(name)

    assert fb.find_browser({}, which, [str(tmp_path / "absent")]) == found["chromium-browser"]
    assert calls == ["chromium", "chromium-browser"]


@pytest.mark.parametrize("app", fb.MAC_APPS)
@pytest.mark.parametrize("where", ["system", "user"])
def test_macos_app_bundles_are_found(tmp_path, app, where):
    home = tmp_path / "home"
    base = tmp_path / "Applications" if where == "system" else home / "Applications"
    exe = _exe(base / app)
    paths = [
        str(tmp_path / "usr/bin/chromium"),
        *[str(b / a) for b in (tmp_path / "Applications", home / "Applications") for a in fb.MAC_APPS],
    ]
    assert fb.find_browser({}, NO_PATH, paths) == exe


def test_default_candidates_cover_debian_and_both_macos_folders(tmp_path):
    paths = fb.candidates(home=tmp_path)
    assert paths[0] == "/usr/bin/chromium"
    assert "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome" in paths
    assert "/Applications/Chromium.app/Contents/MacOS/Chromium" in paths
    assert str(tmp_path / "Applications/Google Chrome.app/Contents/MacOS/Google Chrome") in paths


def test_nothing_found_gives_none(tmp_path):
    assert fb.find_browser({}, NO_PATH, [str(tmp_path / "absent")]) is None


@pytest.mark.parametrize(
    "platform,needle",
    [
        ("linux", "sudo apt-get install chromium"),
        ("darwin", "Google Chrome"),
        ("wsl", "inside WSL"),
    ],
)
def test_instruction_is_one_line_naming_the_fix_for_the_platform(platform, needle):
    text = fb.instruction(platform)
    assert "\n" not in text and needle in text and "NEP_BROWSER" in text
    assert text.startswith("The browser tests need Chromium or Google Chrome")
    assert fb.instruction(platform, ci=True).startswith("CI must run the browser suite")


def test_instruction_refuses_an_unknown_platform():
    with pytest.raises(ValueError, match="unknown platform 'beos'; expected one of linux, darwin, wsl"):
        fb.instruction("beos")


@pytest.mark.parametrize(
    "platform,release,key",
    [
        ("darwin", "", "darwin"),
        ("linux", "6.1.0-18-amd64", "linux"),
        ("linux", "5.15.153.1-microsoft-standard-WSL2", "wsl"),
    ],
)
def test_platform_detection(platform, release, key):
    assert fb.platform_key(platform, release) == key


@pytest.mark.parametrize("value,expected", [("true", True), ("1", True), ("", False), ("false", False), ("0", False)])
def test_ci_detection(value, expected):
    assert fb.in_ci({"CI": value}) is expected
    assert fb.in_ci({}) is False


def _cli(tmp_path, **env):
    """Run the command with an empty PATH (for the browser lookup) and no CI unless given."""
    base = {k: v for k, v in os.environ.items() if k not in ("NEP_BROWSER", "CHROMIUM", "CI")}
    base.update(PATH=str(tmp_path), HOME=str(tmp_path), **env)
    return subprocess.run(
        [sys.executable, str(ROOT / "tools" / "find_browser.py"), "--check"], capture_output=True, text=True, env=base
    )


def test_cli_prints_the_path(tmp_path):
    exe = _exe(tmp_path / "chrome")
    out = _cli(tmp_path, NEP_BROWSER=exe)
    assert (out.returncode, out.stdout.strip()) == (0, exe)


@pytest.mark.skipif(fb.find_browser({}, NO_PATH) is not None, reason="a browser is installed at a fixed path here")
def test_cli_without_browser_fails_with_one_line_instruction(tmp_path):
    out = _cli(tmp_path)
    assert out.returncode == 1 and out.stdout == ""
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("The browser tests need Chromium or Google Chrome")
    in_ci = _cli(tmp_path, CI="true")
    assert in_ci.returncode == 1 and in_ci.stderr.startswith("CI must run the browser suite")


def test_cli_with_fixed_paths_absent_fails_loudly_in_ci(tmp_path, monkeypatch, capsys):
    """The same check in-process, with every candidate place empty, so it runs on machines with a browser too."""
    monkeypatch.setattr(fb, "candidates", lambda home=None: [str(tmp_path / "absent")])
    monkeypatch.setattr(fb.shutil, "which", NO_PATH)
    assert fb.main(["--check"], env={"CI": "true"}) == 1
    assert capsys.readouterr().err.startswith("CI must run the browser suite, but no Chromium or Chrome was found:")
    assert fb.main(["--check"], env={}) == 1
    err = capsys.readouterr().err
    assert err.startswith("The browser tests need Chromium or Google Chrome") and err.count("\n") == 1


def test_cli_refuses_unknown_arguments(capsys):
    assert fb.main(["--frobnicate"], env={}) == 2
    assert "unknown argument '--frobnicate'; allowed: --check" in capsys.readouterr().err
