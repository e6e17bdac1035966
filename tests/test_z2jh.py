"""The course on Zero to JupyterHub (deploy/), checked without a cluster.

* every key and value type of the Helm values files against the chart's configuration reference as
  recorded in deploy/z2jh/schema-<version>.yaml, so a misspelt key fails;
* the image recipe installs exactly the runtime lock plus jupyterhub and nbgitpuller (and what they need);
* the links, image tag, sizes and the guide's capacity table are what tools/hub_deploy.py renders.
"""

import importlib.metadata as md
import re
import subprocess
import sys
import types

import pytest
import yaml
from _paths import ROOT
from packaging.requirements import Requirement

sys.path.insert(0, str(ROOT / "tools"))
import build_site  # noqa: E402
import hub_deploy  # noqa: E402

Z2JH = ROOT / "deploy" / "z2jh"
IMAGE = ROOT / "deploy" / "image"
SCHEMA = yaml.safe_load((Z2JH / "schema-4.4.0.yaml").read_text(encoding="utf-8"))
VALUES_FILES = ["values.yaml", "auth-oauth.yaml", "auth-lti13.yaml", "secret.example.yaml", "nbgrader-exchange.yaml"]
JSON_TYPES = {str: "string", bool: "boolean", int: "integer", float: "number", dict: "object", list: "array"}
PUB = build_site.read_publication()


def _load(name):
    return yaml.safe_load((Z2JH / name).read_text(encoding="utf-8"))


def _type_ok(value, spec) -> bool:
    if "enum" in spec:
        return value in spec["enum"]
    allowed = spec["type"] if isinstance(spec["type"], list) else [spec["type"]]
    kind = "null" if value is None else JSON_TYPES[type(value)]
    return kind in allowed or (kind == "integer" and "number" in allowed)


def _spec_for(path: str):
    """The recorded spec of ``path``, also through a '*' (any key of a "children" pattern)."""
    if path in SCHEMA["keys"]:
        return SCHEMA["keys"][path]
    parts = path.split(".")
    for i in range(len(parts) - 1, 0, -1):
        starred = ".".join([*parts[:i], "*", *parts[i + 1 :]])
        if starred in SCHEMA["keys"]:
            return SCHEMA["keys"][starred]
    return None


def problems(values, where: str) -> list[str]:
    """What in ``values`` the recorded reference does not allow: unknown keys, wrong types, bad class names."""
    out = []

    def walk(value, path, parent_spec):
        spec = _spec_for(path)
        if spec is None:
            out.append(f"{where}: {path} is not a key of chart {SCHEMA['version']} (as recorded in the schema file)")
            return
        if not _type_ok(value, spec):
            out.append(f"{where}: {path} must be {spec.get('type', spec.get('enum'))}, found {value!r}")
            return
        if spec.get("open"):
            return
        if isinstance(value, dict):
            for key, child in value.items():
                if "children" in spec and not re.match(spec["children"], str(key)):
                    out.append(f"{where}: {path}.{key} does not match {spec['children']!r}")
                walk(child, f"{path}.{key}", spec)
        elif isinstance(value, list):
            for item in value:
                walk(item, f"{path}[]", spec)

    for key, child in values.items():
        walk(child, key, None)
    return out


def merged(*names):
    """Helm's merge of values files: a later file wins; dicts merge, lists are replaced."""

    def merge(a, b):
        if isinstance(a, dict) and isinstance(b, dict):
            return {**a, **{k: merge(a[k], v) if k in a else v for k, v in b.items()}}
        return b

    out = {}
    for name in names:
        out = merge(out, _load(name))
    return out


# ---- the values files against the recorded reference ------------------------------------------------


def test_the_recorded_reference_names_its_chart_version_and_where_it_was_read():
    assert SCHEMA["chart"] == "jupyterhub" and SCHEMA["version"] == "4.4.0"
    assert "zero-to-jupyterhub-k8s" in SCHEMA["read_from"]["chart"] and "4.4.0" in SCHEMA["read_from"]["chart"]
    assert re.search(r"commit [0-9a-f]{40}", SCHEMA["read_from"]["chart"])
    for path, spec in SCHEMA["keys"].items():
        assert set(spec) <= {"type", "enum", "open", "required", "children"}, path
        assert ("type" in spec) != ("enum" in spec), f"{path}: a type or an enum"
        parent = re.sub(r"(\[\]|\.[^.\[\]]+)$", "", path)
        assert parent == path or parent in SCHEMA["keys"], f"{path}: its parent {parent} is not recorded"


@pytest.mark.parametrize("name", VALUES_FILES)
def test_every_key_and_type_is_in_the_charts_reference(name):
    assert problems(_load(name), name) == []


@pytest.mark.parametrize("name", ["values.yaml", "auth-oauth.yaml", "auth-lti13.yaml"])
def test_the_version_named_in_the_files_and_the_guide_is_the_recorded_one(name):
    text = (Z2JH / name).read_text(encoding="utf-8")
    assert "4.4.0" in text
    guide = hub_deploy.GUIDE.read_text(encoding="utf-8")
    assert "jupyterhub/jupyterhub --version 4.4.0" in guide


def test_a_misspelt_key_or_a_wrong_type_fails():
    values = _load("values.yaml")
    values["singleuser"]["memory"]["guarentee"] = values["singleuser"]["memory"].pop("guarantee")
    values["singleuser"]["cpu"]["limit"] = "one"
    values["cull"]["timeout"] = 3600.5
    values["singleuser"]["profileList"][1]["kubespawner_overide"] = {}
    values["hub"]["config"] = {"jupyterHub": {}, "GenericOAuthenticator": {"client_idd": "x"}}
    found = "\n".join(problems(values, "values.yaml"))
    for needle in [
        "singleuser.memory.guarentee is not a key",
        "singleuser.cpu.limit must be ['number', 'null'], found 'one'",
        "cull.timeout must be ['integer', 'null'], found 3600.5",
        "singleuser.profileList[].kubespawner_overide is not a key",
        "hub.config.jupyterHub does not match '^[A-Z]'",
        "hub.config.GenericOAuthenticator.client_idd is not a key",
    ]:
        assert needle in found, found


@pytest.mark.parametrize(
    "files",
    [
        ("values.yaml", "auth-oauth.yaml", "secret.example.yaml"),
        ("values.yaml", "auth-lti13.yaml"),
        ("values.yaml", "auth-oauth.yaml", "secret.example.yaml", "nbgrader-exchange.yaml"),
    ],
    ids=["oauth", "lti13", "oauth+nbgrader"],
)
def test_each_documented_combination_merges_to_complete_values(files):
    values = merged(*files)
    assert problems(values, "+".join(files)) == []
    for path, spec in SCHEMA["keys"].items():
        node = values
        for key in path.split("."):
            node = node.get(key) if isinstance(node, dict) else None
        for child in spec.get("required", []) if isinstance(node, dict) else []:
            assert child in node, f"{path}.{child} is required"
    auth = values["hub"]["config"]["JupyterHub"]["authenticator_class"]
    assert auth in {"generic-oauth", "ltiauthenticator.lti13.auth.LTI13Authenticator"}
    guide = hub_deploy.GUIDE.read_text(encoding="utf-8")
    assert all(f"deploy/z2jh/{name}" in guide for name in files)


def test_no_secret_is_committed():
    oauth = _load("auth-oauth.yaml")["hub"]["config"]["GenericOAuthenticator"]
    assert "client_secret" not in oauth, "the client secret belongs in the file kept outside the repository"
    secret = _load("secret.example.yaml")["hub"]["config"]["GenericOAuthenticator"]["client_secret"]
    assert "NOT-IN-GIT" in secret
    ignored = subprocess.run(
        ["git", "check-ignore", "-q", "deploy/z2jh/course-secret.yaml"], cwd=ROOT, capture_output=True
    )
    assert ignored.returncode == 0, "a filled-in secret file in deploy/z2jh/ is ignored by git"
    for name in VALUES_FILES:
        text = (Z2JH / name).read_text(encoding="utf-8")
        assert not re.search(r"(secret|token|password)\s*:\s*[\"']?[0-9a-f]{32,}", text, re.I), name


def test_students_land_on_the_course_guide_of_the_student_edition_and_instructors_on_main():
    values = _load("values.yaml")["singleuser"]
    hub_links = build_site.launch_links("00_start_here.ipynb", PUB)["hub"]
    assert values["defaultUrl"] == "/git-pull?" + hub_links.split("?", 1)[1]
    assert f"branch={PUB.student_branch}&" in values["defaultUrl"]
    assert values["defaultUrl"].endswith(f"urlpath=lab/tree/{PUB.name}/notebooks/00_start_here.ipynb")
    profiles = {p["slug"]: p for p in values["profileList"]}
    assert profiles["student"].get("default") is True and "kubespawner_override" not in profiles["student"]
    teacher = profiles["instructor"]["kubespawner_override"]
    assert "branch=main&" in teacher["default_url"]
    assert teacher["default_url"].replace("branch=main&", f"branch={PUB.student_branch}&") == values["defaultUrl"]


def test_answer_recording_is_an_option_off_by_default_and_off_for_instructors():
    values = _load("values.yaml")["singleuser"]
    assert values["extraEnv"]["NEP_RECORD_ANSWERS"] == "0"
    assert values["profileList"][1]["kubespawner_override"]["environment"]["NEP_RECORD_ANSWERS"] == "0"
    from helpers.teaching import answers

    assert answers.ENV == "NEP_RECORD_ANSWERS"


def test_culler_home_volumes_and_nbgrader_exchange():
    values = _load("values.yaml")
    assert values["cull"]["enabled"] is True and values["cull"]["timeout"] > 0
    storage = values["singleuser"]["storage"]
    assert storage["type"] == "dynamic" and storage["homeMountPath"] == "/home/jovyan"
    exchange = _load("nbgrader-exchange.yaml")["singleuser"]
    claim = exchange["storage"]["extraVolumes"][0]["persistentVolumeClaim"]["claimName"]
    mount = exchange["storage"]["extraVolumeMounts"][0]
    assert mount["name"] == exchange["storage"]["extraVolumes"][0]["name"]
    pvc = _load("nbgrader-exchange-pvc.yaml")
    assert pvc["kind"] == "PersistentVolumeClaim" and pvc["metadata"]["name"] == claim
    assert pvc["spec"]["accessModes"] == ["ReadWriteMany"], "every student's pod mounts the exchange at once"
    config = exchange["extraFiles"]["nbgrader-config"]
    assert f'c.Exchange.root = "{mount["mountPath"]}"' in config["stringData"]
    assert exchange["image"]["tag"].endswith("-nbgrader")


def test_the_instructor_profile_is_shown_only_to_the_instructors_group():
    """Runs the hub.extraConfig snippet as the chart does (exec with the config object ``c``)."""
    profiles = _load("values.yaml")["singleuser"]["profileList"]
    c = types.SimpleNamespace(KubeSpawner=types.SimpleNamespace(profile_list=profiles))
    exec(_load("values.yaml")["hub"]["extraConfig"]["courseProfiles"], {"c": c})

    def spawner(*groups):
        user = types.SimpleNamespace(groups=[types.SimpleNamespace(name=g) for g in groups])
        return types.SimpleNamespace(user=user)

    show = c.KubeSpawner.profile_list
    assert [p["slug"] for p in show(spawner())] == ["student"]
    assert [p["slug"] for p in show(spawner("nep-to-plan-students"))] == ["student"]
    assert [p["slug"] for p in show(spawner("instructors"))] == ["student", "instructor"]
    lti = _load("auth-lti13.yaml")["hub"]["config"]["JupyterHub"]["load_groups"]
    oauth = _load("auth-oauth.yaml")["hub"]["config"]["GenericOAuthenticator"]
    assert "instructors" in lti and "instructors" in oauth["allowed_groups"] and oauth["manage_groups"] is True


# ---- the sizes, the links and the capacity table: as rendered --------------------------------------------


def test_every_rendered_file_is_up_to_date():
    """Change config/publish.toml, pyproject.toml or a benchmark, then run `python tools/hub_deploy.py --write`."""
    for path, text in hub_deploy.renderings().items():
        assert path.read_text(encoding="utf-8") == text, f"{path.relative_to(ROOT)} differs from its rendering"


def test_every_rendered_line_is_one_the_tool_writes():
    values = hub_deploy.rendered_values(PUB, hub_deploy.sizing(hub_deploy.read_measures()), hub_deploy.course_version())
    for path, rendered in values.items():
        marked = [line for line in path.read_text(encoding="utf-8").splitlines() if "# rendered" in line]
        assert len(marked) == len(rendered), f"{path.name}: a '# rendered' line the tool does not write"


def test_sizes_derive_from_the_benchmarks():
    m = hub_deploy.read_measures()
    results = (ROOT / "benchmarks" / "seminar-results.md").read_text(encoding="utf-8")
    assert f"| students | {m.students} |" in results
    assert f"single-user server after the run | RSS {m.server_rss:.0f} /" in results
    assert f"wall {m.run_all_wall} s" in results
    memory = (ROOT / "benchmarks" / "memory.md").read_text(encoding="utf-8")
    assert f"| {m.kernel_peak_notebook} |" in memory and f"**{m.kernel_peak:.0f}**" in memory
    s = hub_deploy.sizing(m)
    assert s.memory_guarantee >= m.server_rss + m.kernel_peak and s.memory_guarantee % 32 == 0
    assert s.memory_guarantee - (m.server_rss + m.kernel_peak) < 32
    assert s.memory_limit >= m.server_rss + 2 * m.kernel_peak > s.memory_limit - 32
    assert s.cpu_guarantee == pytest.approx(m.cores / m.students, abs=0.005)
    assert s.memory_guarantee >= m.student_rss >= m.student_pss, (
        "the guarantee covers a student measured on one machine"
    )
    single = hub_deploy.Measures(**{**m.__dict__, "students": 4, "cores": 2, "run_all_wall": 20.0})
    assert hub_deploy.sizing(single).run_all_core_seconds == 10.0


def test_capacity_table_follows_from_the_sizes():
    m = hub_deploy.read_measures()
    s = hub_deploy.sizing(m)
    table = hub_deploy.capacity_table(m, s)
    row = re.search(r"^\| 8 GiB, 2 cores \| (\d+) \| (\d+) \| \*\*(\d+)\*\* \| about (\d+) s \| (\d+) \|$", table, re.M)
    by_memory, by_cpu, n, burst, nodes = map(int, row.groups())
    assert by_memory == (8 * 1024 - 1024) // s.memory_guarantee and by_cpu == round(2 / s.cpu_guarantee)
    assert n == min(by_memory, by_cpu) and nodes * n >= 150 > (nodes - 1) * n
    assert abs(burst - n * s.run_all_core_seconds / 2) <= 1
    assert len(re.findall(r"^\| \d+ GiB, \d+ cores \|", table, re.M)) == 9
    guide = hub_deploy.GUIDE.read_text(encoding="utf-8")
    assert table in guide


def test_guide_states_each_size_it_derives():
    guide = hub_deploy.GUIDE.read_text(encoding="utf-8")
    m = hub_deploy.read_measures()
    s = hub_deploy.sizing(m)
    for needle in [
        f"`memory.guarantee` {s.memory_guarantee}M",
        f"`memory.limit` {s.memory_limit}M",
        f"`cpu.guarantee` {s.cpu_guarantee}",
        f"{m.server_rss:.0f} MiB RSS",
        f"{m.kernel_peak:.0f} MiB",
        m.kernel_peak_notebook,
        f"{s.run_all_core_seconds} core-seconds",
        f"{m.run_all_wall} s",
        f"{m.server_rss + m.kernel_peak:.0f} MiB, rounded up",
        f"{m.server_rss:.0f} + 2 × {m.kernel_peak:.0f} = {m.server_rss + 2 * m.kernel_peak:.0f} MiB",
        f"{m.cores} cores for {m.students} students",
        f"(PSS, {m.student_pss:.0f} MiB a student)",
    ]:
        assert needle in guide, needle


def test_the_guide_walks_from_an_empty_cluster_to_the_link():
    guide = hub_deploy.GUIDE.read_text(encoding="utf-8")
    section = guide.split("### A department on Kubernetes", 1)[1].split("\n## ", 1)[0]
    steps = re.findall(r"^\*\*(\d)\. ([^*]+)\*\*", section, re.M)
    assert [int(n) for n, _ in steps] == [1, 2, 3, 4, 5, 6]
    assert [t.strip(".") for _, t in steps][0] == "Prerequisites" and "link" in steps[-1][1]
    assert "make hub-image" in section and "helm upgrade --install" in section
    for path in re.findall(r"`((?:deploy|tools|benchmarks|config)/[^`\s]+)`", section):
        assert (ROOT / path).exists(), path


# ---- the image ---------------------------------------------------------------------------------------


def _pip_installs(dockerfile: str) -> list[str]:
    text = dockerfile.replace("\\\n", " ")
    return [m.group(0) for m in re.finditer(r"pip install [^&\n]+", text)]


def test_image_installs_exactly_the_runtime_lock_and_the_hub_packages():
    dockerfile = (IMAGE / "Dockerfile").read_text(encoding="utf-8")
    installs = _pip_installs(dockerfile)
    assert len(installs) == 2, installs
    first = installs[0].split()
    assert "--require-hashes" in first
    files = [first[i + 1] for i, word in enumerate(first) if word == "-r"]
    assert files == ["/opt/course/requirements/runtime.txt", "/opt/image/requirements-hub.txt"]
    assert first[-1] == "$extra" and 'extra="-r /opt/image/requirements-nbgrader.txt"' in dockerfile
    assert '[ "$NBGRADER" = 1 ]' in dockerfile and "ARG NBGRADER=0" in dockerfile
    assert installs[1].split()[2:] == ["--no-deps", "-e", "/opt/course"], "the course's own package, nothing else"
    assert "pip check" in dockerfile and "COPY student/ /opt/course/" in dockerfile
    assert re.search(r"^FROM python:3\.11", dockerfile, re.M), "the Python the locks are resolved for"


def test_hub_requirements_are_the_dev_pins_of_the_hub_packages_and_their_needs():
    hub = hub_deploy.lock_blocks(IMAGE / "requirements-hub.txt")
    dev = hub_deploy.lock_blocks(ROOT / "requirements" / "dev.txt")
    runtime = hub_deploy.runtime_names()
    assert {"jupyterhub", "nbgitpuller"} <= set(hub) and not set(hub) & runtime
    for name, block in hub.items():
        assert block["pin"] == dev[name]["pin"], f"{name}: not the pin and hashes of requirements/dev.txt"
        assert all(len(line.split("--hash=sha256:")[-1].rstrip(" \\")) == 64 for line in block["pin"][1:])
    assert not {"nbgrader", "pytest", "ruff", "nbdime", "playwright"} & set(hub), "no dev tool in the image"
    nbgrader = hub_deploy.lock_blocks(IMAGE / "requirements-nbgrader.txt")
    assert "nbgrader" in nbgrader and not set(nbgrader) & (runtime | set(hub))


def test_hub_requirements_hold_everything_the_hub_packages_need():
    """Independently of the lock's annotations: the installed packages' own requirements (Linux, Python 3.11)."""
    env = {"sys_platform": "linux", "platform_system": "Linux", "os_name": "posix", "python_version": "3.11",
           "python_full_version": "3.11.9", "implementation_name": "cpython", "platform_machine": "x86_64",
           "platform_python_implementation": "CPython", "extra": ""}  # fmt: skip

    def norm(name):
        return re.sub(r"[-_.]+", "-", name).lower()

    need, todo = set(), ["jupyterhub", "nbgitpuller"]
    while todo:
        name = todo.pop()
        if name in need:
            continue
        need.add(name)
        for r in md.requires(name) or []:
            req = Requirement(r)
            if req.marker is None or req.marker.evaluate(env):
                todo.append(norm(req.name))
    hub = set(hub_deploy.lock_blocks(IMAGE / "requirements-hub.txt"))
    assert hub == need - hub_deploy.runtime_names()


def test_make_hub_image_builds_from_the_student_tree_and_is_never_part_of_make_test(tmp_path):
    def dry(*args):
        out = subprocess.run(
            ["make", "--no-print-directory", "-n", f"VENV={tmp_path / 'venv'}", *args],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        assert out.returncode == 0, out.stderr
        return out.stdout

    text = dry("hub-image")
    assert "docker info" in text and "tools/publish_student.py --out build/hub-image/student" in text
    version = hub_deploy.course_version()
    assert f"docker build  --tag nep-to-plan-student:{version} build/hub-image" in text
    assert f"--build-arg NBGRADER=1 --tag nep-to-plan-student:{version}-nbgrader" in dry("hub-image", "NBGRADER=1")
    for target in ("test", "test-fast"):
        assert "docker" not in dry(target), f"make {target} must not build the image"
    assert "make hub-image" in subprocess.run(["make", "help"], cwd=ROOT, capture_output=True, text=True).stdout


def test_kubespawner_reads_the_memory_sizes_as_the_mib_derived():
    """KubeSpawner's memory traits are JupyterHub ByteSpecifications, whose M is 1024 × 1024 bytes."""
    from jupyterhub.traitlets import ByteSpecification
    from traitlets import HasTraits

    class Sizes(HasTraits):
        guarantee = ByteSpecification()
        limit = ByteSpecification()

    memory = _load("values.yaml")["singleuser"]["memory"]
    s = hub_deploy.sizing(hub_deploy.read_measures())
    sizes = Sizes(guarantee=memory["guarantee"], limit=memory["limit"])
    assert (sizes.guarantee, sizes.limit) == (s.memory_guarantee * 2**20, s.memory_limit * 2**20)


def test_the_guides_single_student_figures_are_the_recorded_run_with_the_charts_hub():
    run = (ROOT / "benchmarks" / "seminar-results-hub-5.5.0.md").read_text(encoding="utf-8")
    assert "| JupyterHub of the hub / of the student servers | 5.5.0 / 6.1.1 |" in run
    assert SCHEMA["hub_jupyterhub_version"] == "5.5.0"
    assert "| students that fit" in run and "| students | 1 |" in run
    rss = re.search(r"RSS; counts shared pages in full\) \| median (\d+) MiB", run).group(1)
    pss = re.search(r"\*\*memory per student \(server \+ kernel, PSS\)\*\* \| \*\*median (\d+) MiB", run).group(1)
    guide = " ".join(hub_deploy.GUIDE.read_text(encoding="utf-8").split())
    assert f"holds {rss} MiB RSS and {pss} MiB PSS" in guide
    assert int(rss) <= hub_deploy.sizing(hub_deploy.read_measures()).memory_guarantee


def test_the_links_follow_config_publish_toml(tmp_path):
    other = build_site.Publication(
        repository="https://github.com/u-history/nep-course",
        owner="u-history",
        name="nep-course",
        student_branch="term-2",
        binder="https://mybinder.org",
        hub="https://jupyter.u.example",
    )
    s = hub_deploy.sizing(hub_deploy.read_measures())
    values = hub_deploy.rendered_values(other, s, "1.2.0")
    text = hub_deploy.set_scalars(hub_deploy.VALUES.read_text(encoding="utf-8"), values[hub_deploy.VALUES], "values")
    rendered = yaml.safe_load(text)["singleuser"]
    assert rendered["defaultUrl"] == (
        "/git-pull?repo=https%3A//github.com/u-history/nep-course&branch=term-2"
        "&urlpath=lab/tree/nep-course/notebooks/00_start_here.ipynb"
    )
    assert "branch=main&" in rendered["profileList"][1]["kubespawner_override"]["default_url"]
    assert rendered["image"]["tag"] == "1.2.0"
    assert "# CHANGE" in text and text.count("# rendered") == 7, "the deployer's lines and comments are kept"


def test_rendering_refuses_a_file_whose_rendered_lines_were_removed():
    text = hub_deploy.VALUES.read_text(encoding="utf-8")
    with pytest.raises(hub_deploy.DeployError, match="no line for singleuser.defaultUrl"):
        hub_deploy.set_scalars(text.replace("  defaultUrl:", "  # defaultUrl:"), {"singleuser.defaultUrl": "/x"}, "v")
    unmarked = re.sub(r'(tag: "[^"]*")  # rendered[^\n]*', r"\1", text)
    with pytest.raises(hub_deploy.DeployError, match="must end with a '# rendered' comment"):
        hub_deploy.set_scalars(unmarked, {"singleuser.image.tag": "9.9.9"}, "v")


def test_the_exchange_serves_the_course_folder_that_make_assignments_builds():
    import build_assignments

    config = _load("nbgrader-exchange.yaml")["singleuser"]["extraFiles"]["nbgrader-config"]["stringData"]
    assert f'c.CourseDirectory.course_id = "{build_assignments.COURSE_ID}"' in config
    assert f"the course id, `{build_assignments.COURSE_ID}`" in hub_deploy.GUIDE.read_text(encoding="utf-8")
