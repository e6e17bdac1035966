"""Find a Chromium-family browser for the real-browser tests (Playwright drives it; none is downloaded).

Search order:
  1. the environment variable NEP_BROWSER (or, for older setups, CHROMIUM): a path to the executable;
  2. /usr/bin/chromium (Debian's package, what CI installs);
  3. chromium, chromium-browser, google-chrome, google-chrome-stable on PATH;
  4. the usual macOS places: /Applications/{Google Chrome,Chromium}.app and the same under ~/Applications.

As a library: ``find_browser()`` returns the path as a string, or None when nothing is found.
As a command:
  python tools/find_browser.py            print the path, or one line saying what to install (exit 1)
  python tools/find_browser.py --check    the same, worded for the browser stage of `make test`;
                                          with CI set in the environment, a missing browser is an error
                                          that names CI (the browser suite is never skipped there)
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

ENV_VARS = ("NEP_BROWSER", "CHROMIUM")
DEBIAN_PATH = "/usr/bin/chromium"
PATH_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
MAC_APPS = (
    "Google Chrome.app/Contents/MacOS/Google Chrome",
    "Chromium.app/Contents/MacOS/Chromium",
)

INSTALL = {
    "linux": "install Chromium (Debian/Ubuntu: sudo apt-get install chromium; Fedora: sudo dnf install chromium)",
    "darwin": "install Google Chrome (https://www.google.com/chrome/) or Chromium (brew install --cask chromium)",
    "wsl": "install Chromium inside WSL (sudo apt-get install chromium); a Windows Chrome is not visible from WSL",
}


class BrowserSettingError(ValueError):
    """NEP_BROWSER (or CHROMIUM) names something that is not an executable file."""


def _is_executable(path: str | Path) -> bool:
    p = Path(path)
    return p.is_file() and os.access(p, os.X_OK)


def candidates(home: str | Path | None = None) -> list[str]:
    """Fixed paths tried after the environment variable and PATH lookups, in order."""
    home = Path(home if home is not None else Path.home())
    apps = [Path("/Applications"), home / "Applications"]
    return [DEBIAN_PATH, *[str(base / app) for base in apps for app in MAC_APPS]]


def find_browser(
    env: Mapping[str, str] | None = None,
    which: Callable[[str], str | None] | None = None,
    paths: Sequence[str] | None = None,
) -> str | None:
    """Return the path of a Chromium-family browser, or None.

    ``env``, ``which`` and ``paths`` default to the real environment, PATH lookup and
    :func:`candidates`; tests pass their own. A browser named by NEP_BROWSER/CHROMIUM must
    exist: a wrong setting raises BrowserSettingError rather than silently testing another browser.
    """
    env = os.environ if env is None else env
    which = shutil.which if which is None else which
    for var in ENV_VARS:
        value = env.get(var, "").strip()
        if value:
            if _is_executable(value):
                return value
            raise BrowserSettingError(
                f"{var}={value!r} is not an executable file; set {var} to the full path of "
                "Chromium or Google Chrome, or unset it to let the course look in the usual places"
            )
    ordered = list(paths if paths is not None else candidates())
    fixed, rest = ordered[:1], ordered[1:]  # Debian's /usr/bin/chromium first, then PATH, then the app bundles
    for path in fixed:
        if _is_executable(path):
            return path
    for name in PATH_NAMES:
        found = which(name)
        if found and _is_executable(found):
            return found
    for path in rest:
        if _is_executable(path):
            return path
    return None


def platform_key(platform: str = sys.platform, release: str | None = None) -> str:
    """'darwin', 'wsl' or 'linux' (anything else is treated as Linux)."""
    if platform == "darwin":
        return "darwin"
    if release is None:
        release = os.uname().release if hasattr(os, "uname") else ""
    return "wsl" if "microsoft" in release.lower() else "linux"


def instruction(platform: str | None = None, ci: bool = False) -> str:
    """One line: what is missing and how to fix it on this platform."""
    key = platform or platform_key()
    if key not in INSTALL:
        raise ValueError(f"unknown platform {key!r}; expected one of {', '.join(INSTALL)}")
    prefix = (
        "CI must run the browser suite, but no Chromium or Chrome was found"
        if ci
        else "The browser tests need Chromium or Google Chrome, and none was found"
    )
    return f"{prefix}: {INSTALL[key]}, or set NEP_BROWSER=/path/to/browser."


def in_ci(env: Mapping[str, str]) -> bool:
    """True when the CI variable is set to anything but empty, 0 or false (as CI services and .ci/run do)."""
    return env.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def main(argv: Sequence[str] | None = None, env: Mapping[str, str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    unknown = [a for a in argv if a != "--check"]
    if unknown:
        print(f"find_browser.py: unknown argument {unknown[0]!r}; allowed: --check", file=sys.stderr)
        return 2
    env = os.environ if env is None else env
    try:
        path = find_browser(env)
    except BrowserSettingError as exc:
        print(exc, file=sys.stderr)
        return 1
    if path:
        print(path)
        return 0
    print(instruction(ci=in_ci(env)), file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
