"""Render what the Kubernetes deployment (deploy/) takes from elsewhere in the course, and check it.

    python tools/hub_deploy.py            print the sizes derived from the benchmarks, and the capacity table
    python tools/hub_deploy.py --write    write them into deploy/ and docs/running_a_seminar.md
    python tools/hub_deploy.py --check    exit 1, naming the files, when any of them differs from its rendering

What is rendered, and from where:

* the nbgitpuller default URLs of deploy/z2jh/values.yaml (students: the student branch; the Instructor
  profile: main), from config/publish.toml through tools/build_site.py's link renderer;
* the image tag (the course version, pyproject.toml) in deploy/z2jh/values.yaml and nbgrader-exchange.yaml;
* the memory and CPU sizes of a student's server, from benchmarks/seminar-results.md (the class on a
  local hub) and benchmarks/memory.md (every notebook's kernel peak);
* the capacity table of docs/running_a_seminar.md (students per node), from the same figures;
* deploy/image/requirements-hub.txt and requirements-nbgrader.txt: the pins, with their hashes, of
  jupyterhub and nbgitpuller (and, for the optional exchange image, nbgrader) and of everything they need
  that requirements/runtime.txt does not already hold, copied from requirements/dev.txt.

Lines of the values files that are rendered end with a "# rendered" comment; edit the sources above,
not those lines. Nothing a deployer wrote elsewhere in the files is touched.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import math
import re
import sys
import tomllib
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_site import Publication, launch_links, read_publication  # noqa: E402  (the one link renderer)

DEPLOY = ROOT / "deploy"
VALUES = DEPLOY / "z2jh" / "values.yaml"
NBGRADER_VALUES = DEPLOY / "z2jh" / "nbgrader-exchange.yaml"
HUB_REQUIREMENTS = DEPLOY / "image" / "requirements-hub.txt"
NBGRADER_REQUIREMENTS = DEPLOY / "image" / "requirements-nbgrader.txt"
GUIDE = ROOT / "docs" / "running_a_seminar.md"
SEMINAR_RESULTS = ROOT / "benchmarks" / "seminar-results.md"
MEMORY = ROOT / "benchmarks" / "memory.md"
START = "00_start_here.ipynb"

#: What a hub's single-user image adds to the runtime lock, and what the optional exchange image adds to that.
HUB_PACKAGES = ("jupyterhub", "nbgitpuller")
NBGRADER_PACKAGES = ("nbgrader",)

#: Node sizes of the capacity table: memory (GiB) × cores.
NODE_GIB = (8, 16, 32)
NODE_CORES = (2, 4, 8)
#: Memory a node keeps for the system and Kubernetes' own pods, as the one-machine sizing keeps 1 GiB.
SYSTEM_MIB = 1024
#: The sizes are rounded up to a multiple of this (MiB).
ROUND_MIB = 32
#: A student's CPU limit: one core, since a kernel runs a notebook on one core.
CPU_LIMIT = 1.0
CLASS = 150  # the department-sized class the table plans for
TABLE_BEGIN = "<!-- capacity table: rendered by tools/hub_deploy.py from the benchmark results -->"
TABLE_END = "<!-- end of capacity table -->"


class DeployError(RuntimeError):
    """A source of the rendering is missing or unreadable; the message names it and what was expected."""


# ---------------------------------------------------------------------------------------------- measures


@dataclass(frozen=True)
class Measures:
    """The figures the sizes come from, each read from a committed benchmark file."""

    students: int  # students in the measured class
    cores: int  # cores of the machine that ran it
    server_rss: float  # single-user server after the run, RSS, median (MiB)
    student_rss: float  # server + kernel after the run, RSS, max (MiB)
    student_pss: float  # server + kernel after the run, PSS, max (MiB)
    run_all_wall: float  # every student's kernel running the notebook at once: wall time (s)
    kernel_peak: float  # the heaviest notebook's kernel peak (VmHWM, MiB)
    kernel_peak_notebook: str


def _match(pattern: str, text: str, where: Path) -> re.Match:
    m = re.search(pattern, text, re.M)
    if not m:
        raise DeployError(f"{where.relative_to(ROOT)} has no line matching {pattern!r}; run the benchmark again.")
    return m


def read_measures(results: Path = SEMINAR_RESULTS, memory: Path = MEMORY) -> Measures:
    text = results.read_text(encoding="utf-8")
    head = _match(r"^## Seminar benchmark \(.*?, (\d+) cores,", text, results)
    students = _match(r"^\| students \| (\d+) \|", text, results)
    server = _match(r"^\| single-user server after the run \| RSS ([\d.]+) /", text, results)
    rss = _match(
        r"^\| memory per student \(server \+ kernel, RSS;.*?\| median [\d.]+ MiB, max ([\d.]+) MiB", text, results
    )
    pss = _match(
        r"^\| \*\*memory per student \(server \+ kernel, PSS\)\*\* \| \*\*median [\d.]+ MiB, max ([\d.]+)",
        text,
        results,
    )
    wall = _match(r"^\| notebook run, all students at once \| wall ([\d.]+) s", text, results)
    peaks = [
        (float(m.group(2)), m.group(1))
        for m in re.finditer(
            r"^\| (\d\d_\w+) \|(?:[^|\n]*\|){4} \*\*(\d+)\*\* \|", memory.read_text(encoding="utf-8"), re.M
        )
    ]
    if not peaks:
        raise DeployError(f"{memory.relative_to(ROOT)} has no table of kernel peaks (| notebook | … | **peak** |).")
    peak, notebook = max(peaks)
    return Measures(
        students=int(students.group(1)),
        cores=int(head.group(1)),
        server_rss=float(server.group(1)),
        student_rss=float(rss.group(1)),
        student_pss=float(pss.group(1)),
        run_all_wall=float(wall.group(1)),
        kernel_peak=peak,
        kernel_peak_notebook=notebook,
    )


@dataclass(frozen=True)
class Sizing:
    memory_guarantee: int  # MiB
    memory_limit: int  # MiB
    cpu_guarantee: float  # cores
    cpu_limit: float  # cores
    run_all_core_seconds: float  # CPU one student's Run All (and 20 chart changes) costs, at most


def _round_up(mib: float) -> int:
    return int(math.ceil(mib / ROUND_MIB) * ROUND_MIB)


def sizing(m: Measures) -> Sizing:
    """A student's requests and limits, derived from the measures (the guide states each step)."""
    return Sizing(
        memory_guarantee=_round_up(m.server_rss + m.kernel_peak),
        memory_limit=_round_up(m.server_rss + 2 * m.kernel_peak),
        cpu_guarantee=round(m.cores / m.students, 2),
        cpu_limit=CPU_LIMIT,
        run_all_core_seconds=round(m.cores * m.run_all_wall / m.students, 1),
    )


def capacity_table(m: Measures, s: Sizing) -> str:
    """Students per node for the common node sizes, and what a whole node pressing Run All costs."""
    rows = [
        "| node | students by memory | by CPU guarantee | **students per node** | whole node presses *Run All* | "
        f"nodes for {CLASS} students |",
        "|---|---|---|---|---|---|",
    ]
    for gib in NODE_GIB:
        for cores in NODE_CORES:
            by_memory = (gib * 1024 - SYSTEM_MIB) // s.memory_guarantee
            by_cpu = math.floor(cores / s.cpu_guarantee + 1e-9)
            n = min(by_memory, by_cpu)
            burst = n * s.run_all_core_seconds / cores
            rows.append(
                f"| {gib} GiB, {cores} cores | {by_memory} | {by_cpu} | **{n}** | about {burst:.0f} s | "
                f"{math.ceil(CLASS / n)} |"
            )
    return "\n".join(rows)


# ---------------------------------------------------------------------------------------------- values


KEY = re.compile(r"^(?P<indent> *)(?P<dash>- )?(?P<key>[A-Za-z_][\w.-]*):(?P<rest>.*)$")


def scalar_lines(text: str) -> dict[str, int]:
    """{path: line number} of every ``key: …`` line of a YAML file; a path reads ``a.b[1].c``."""
    out: dict[str, int] = {}
    stack: list[tuple[int, str]] = []
    items: dict[tuple[str, ...], int] = {}
    block = None  # indent of a block scalar (|) being skipped
    for i, line in enumerate(text.splitlines()):
        indent = len(line) - len(line.lstrip(" "))
        if block is not None:
            if not line.strip() or indent > block:
                continue
            block = None
        m = KEY.match(line)
        if not m or line.lstrip().startswith("#"):
            continue
        indent = len(m["indent"])
        if m["dash"]:
            while stack and stack[-1][0] >= indent:
                stack.pop()
            parent = tuple(t for _, t in stack)
            items[parent] = items.get(parent, -1) + 1
            stack.append((indent, f"[{items[parent]}]"))
            indent += 2
        while stack and stack[-1][0] >= indent:
            stack.pop()
        stack.append((indent, m["key"]))
        out["".join(t if t.startswith("[") else f".{t}" for _, t in stack).lstrip(".")] = i
        if m["rest"].split("#")[0].strip() in {"|", ">", "|-", ">-"}:
            block = indent
    return out


def set_scalars(text: str, values: dict[str, object], where: str) -> str:
    """``text`` with the value of each path replaced (its comment kept); every path must be a rendered line."""
    lines = text.splitlines()
    found = scalar_lines(text)
    for path, value in values.items():
        if path not in found:
            raise DeployError(f"{where}: no line for {path}; the file's structure changed, restore that key.")
        i = found[path]
        m = KEY.match(lines[i])
        comment = re.search(r"\s+#.*$", m["rest"])
        if not comment or "rendered" not in comment.group(0):
            raise DeployError(f"{where}: the line of {path} must end with a '# rendered' comment.")
        lead = f"{m['indent']}{m['dash'] or ''}{m['key']}: "
        lines[i] = lead + (json.dumps(value) if isinstance(value, str) else repr(value)) + comment.group(0)
    return "\n".join(lines) + "\n"


def pull_path(pub: Publication, branch: str) -> str:
    """The server-relative nbgitpuller URL that opens the course guide of ``branch`` (a KubeSpawner default_url)."""
    link = launch_links(START, dataclasses.replace(pub, student_branch=branch))["hub"]
    return "/git-pull?" + urllib.parse.urlsplit(link).query


def course_version(root: Path = ROOT) -> str:
    return tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


def rendered_values(pub: Publication, s: Sizing, version: str) -> dict[Path, dict[str, object]]:
    return {
        VALUES: {
            "singleuser.image.tag": version,
            "singleuser.memory.guarantee": f"{s.memory_guarantee}M",
            "singleuser.memory.limit": f"{s.memory_limit}M",
            "singleuser.cpu.guarantee": s.cpu_guarantee,
            "singleuser.cpu.limit": s.cpu_limit,
            "singleuser.defaultUrl": pull_path(pub, pub.student_branch),
            "singleuser.profileList[1].kubespawner_override.default_url": pull_path(pub, "main"),
        },
        NBGRADER_VALUES: {"singleuser.image.tag": f"{version}-nbgrader"},
    }


# ---------------------------------------------------------------------------------------------- image


def lock_blocks(path: Path) -> dict[str, dict]:
    """{name: {"pin": the pin and hash lines, "via": the names that need it}} of a uv-compiled lock."""
    out: dict[str, dict] = {}
    current = None
    via_block = False
    for line in path.read_text(encoding="utf-8").splitlines():
        pin = re.match(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==", line)
        if pin:
            current = re.sub(r"[-_.]+", "-", pin.group(1)).lower()
            out[current] = {"pin": [line], "via": set()}
            via_block = False
        elif current and line.startswith("    --hash"):
            out[current]["pin"].append(line)
        elif current and re.match(r"^\s+# via\s*$", line):
            via_block = True
        elif current and (m := re.match(r"^\s+# via (\S+)", line)):
            out[current]["via"].add(m.group(1))
        elif current and via_block and (m := re.match(r"^\s+#   (\S+)", line)):
            out[current]["via"].add(m.group(1))
    for block in out.values():
        block["pin"][-1] = block["pin"][-1].rstrip(" \\")
        block["via"] = {re.sub(r"[-_.]+", "-", v).lower() for v in block["via"] if not v.startswith("-")}
    return out


def closure(names: tuple[str, ...], blocks: dict[str, dict]) -> set[str]:
    """``names`` and every package of the lock that they need, directly or not."""
    need = set(names)
    while True:
        more = {n for n, b in blocks.items() if b["via"] & need} - need
        if not more:
            return need
        need |= more


def image_requirements(
    names: tuple[str, ...], already: set[str], dev: Path = ROOT / "requirements" / "dev.txt"
) -> tuple[list[str], str]:
    """The packages the image adds to ``already`` for ``names``, and their hashed requirements file."""
    blocks = lock_blocks(dev)
    missing = [n for n in names if n not in blocks]
    if missing:
        raise DeployError(f"requirements/dev.txt pins no {', '.join(missing)}; the image needs it at a pinned version.")
    added = sorted(closure(names, blocks) - already)
    head = (
        f"# Added to requirements/runtime.txt in the course's single-user image: {', '.join(names)} and what\n"
        "# they need, at the pins and hashes of requirements/dev.txt. Written by tools/hub_deploy.py --write.\n"
    )
    return added, head + "".join("\n".join(blocks[n]["pin"]) + "\n" for n in added)


def runtime_names(root: Path = ROOT) -> set[str]:
    return set(lock_blocks(root / "requirements" / "runtime.txt"))


# ---------------------------------------------------------------------------------------------- all


def renderings(root: Path = ROOT) -> dict[Path, str]:
    """Every rendered file's expected text, from the files as they are now."""
    pub = read_publication()
    m = read_measures()
    s = sizing(m)
    out: dict[Path, str] = {}
    for path, values in rendered_values(pub, s, course_version(root)).items():
        out[path] = set_scalars(path.read_text(encoding="utf-8"), values, str(path.relative_to(ROOT)))
    runtime = runtime_names(root)
    hub, hub_text = image_requirements(HUB_PACKAGES, runtime)
    _, out[NBGRADER_REQUIREMENTS] = image_requirements(NBGRADER_PACKAGES, runtime | set(hub))
    out[HUB_REQUIREMENTS] = hub_text
    guide = GUIDE.read_text(encoding="utf-8")
    if guide.count(TABLE_BEGIN) != 1 or guide.count(TABLE_END) != 1:
        raise DeployError(
            f"docs/running_a_seminar.md must hold the capacity table between {TABLE_BEGIN} and {TABLE_END}."
        )
    before, rest = guide.split(TABLE_BEGIN)
    _, after = rest.split(TABLE_END)
    out[GUIDE] = f"{before}{TABLE_BEGIN}\n{capacity_table(m, s)}\n{TABLE_END}{after}"
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--write", action="store_true", help="write the renderings into deploy/ and the guide")
    p.add_argument("--check", action="store_true", help="exit 1 when a file differs from its rendering")
    a = p.parse_args(argv)
    try:
        if a.write or a.check:
            stale = []
            for path, text in renderings().items():
                now = path.read_text(encoding="utf-8") if path.exists() else None
                if now != text:
                    stale.append(str(path.relative_to(ROOT)))
                    if a.write:
                        path.write_text(text, encoding="utf-8")
            verb = "wrote" if a.write else "differs from its rendering"
            for name in stale:
                print(f"{name}: {verb}")
            return 1 if (a.check and stale) else 0
        m = read_measures()
        s = sizing(m)
        print(m, s, sep="\n")
        print(capacity_table(m, s))
    except DeployError as e:
        print(f"hub_deploy.py: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
