#!/usr/bin/env python3
"""Synthesis speed and memory of cdktf-velero, as ratios against a bare-cdktf floor.

Every measured run is a fresh process: a generated script builds an App with the scenario and
calls ``app.synth()`` into a temporary outdir. The parent times the whole process (spawn to exit,
``os.wait4``); the script reports its own peak RSS and the summed peak RSS of its node children
(``VmHWM`` from ``/proc``, read just before it exits, while jsii's node processes are still alive).

The floor of a scenario is a bare cdktf app with the same providers, variables and resources,
written with the provider classes and no library code: the first library run's ``cdk.tf.json`` is
rebuilt resource by resource (same construct paths, so the output must be identical, which is
checked). Library and floor runs are interleaved so that drift and load on the machine affect both.

Each scenario runs on each engine measured: cdktf with this interpreter, cdktn with ``--cdktn-python``
(``make bench`` passes ``.venv-cdktn``'s). Variants: the library with the fast path (the default), the
library with ``CDKTF_VELERO_FAST_IMPORTS=0`` (cdktf), and the floor with the fast path off. Scenario (m)
is ``main.py`` against a bare helm + kubernetes app: what the library's full layout costs over the
cheapest app a user could write.

Usage: ``python benchmarks/bench.py [--quick] [--runs N] [--write] [--only NAME ...] [--engine E] [--cdktn-python PY]``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results.md"

# Goals (figures, not timed tests): main.py against the bare helm + kubernetes floor; scenarios
# without AWS resources against their own floors.
MAX_MAIN_RATIO = 1.0
MAX_NO_AWS_RATIO = 0.6

# ---------------------------------------------------------------------------------------------
# Generated scripts. MEASURE is shared by library and floor scripts, word for word.

MEASURE = """
import json as _json
import os as _os
import sys as _sys
import time as _time

_T0 = _time.perf_counter()


def _hwm_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


def _children(pid):
    found = []
    for entry in _os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            if ppid == pid:
                found.append(int(entry))
    return found


def _descendants(pid):
    todo, seen = [pid], []
    while todo:
        for child in _children(todo.pop()):
            seen.append(child)
            todo.append(child)
    return seen


def _report(path, marks):
    node = 0
    for pid in _descendants(_os.getpid()):
        try:
            node += _hwm_kib(pid)
        except OSError:
            pass
    result = {
        "marks": marks,
        "python_kib": _hwm_kib(_os.getpid()),
        "node_kib": node,
        "aws_imported": "@AWS@" in _sys.modules,
    }
    with open(path, "w") as f:
        _json.dump(result, f)
"""

LIBRARY_HEADER = """
from @CORE@ import App, TerraformStack, TerraformVariable
from @HELM@.provider import HelmProvider
from @KUBERNETES@.provider import KubernetesProvider

from cdktf_velero import AwsLocation, BackupSchedule, DigitalOceanLocation, VeleroBackups

_T_IMPORT = _time.perf_counter()
OUT, RESULT = _sys.argv[1], _sys.argv[2]
app = App(outdir=OUT)


def providers(stack, context, helm=True):
    KubernetesProvider(stack, "kubernetes", config_path="~/.kube/config", config_context=context)
    if helm:
        HelmProvider(stack, "helm", kubernetes={"config_path": "~/.kube/config", "config_context": context})


def variable(stack, name):
    return TerraformVariable(stack, name, type="string", sensitive=True).string_value
"""

LIBRARY_FOOTER = """
_T_BUILD = _time.perf_counter()
app.synth()
_T_SYNTH = _time.perf_counter()
_report(RESULT, {"import": _T_IMPORT - _T0, "build": _T_BUILD - _T_IMPORT, "synth": _T_SYNTH - _T_BUILD})
"""

# (a): the ``aws_do`` shape of tests/helpers.py: existing buckets, key pairs from variables.
SCENARIO_AWS_DO = """
stack = TerraformStack(app, "velero")
providers(stack, "doks")
VeleroBackups(
    stack,
    "velero",
    aws=AwsLocation(
        bucket="acme-velero",
        region="ca-central-1",
        access_key_id=variable(stack, "aws_access_key_id"),
        secret_access_key=variable(stack, "aws_secret_access_key"),
    ),
    digitalocean=DigitalOceanLocation(
        bucket="acme-velero",
        region="nyc3",
        spaces_access_key_id=variable(stack, "spaces_access_key_id"),
        spaces_secret_access_key=variable(stack, "spaces_secret_access_key"),
        api_token=variable(stack, "digitalocean_token"),
    ),
)
"""

# (b): the Spaces bucket and a Spaces key scoped to it created, feeding the DigitalOcean location.
SCENARIO_SPACES = """
from cdktf_velero import DigitaloceanProvider
from cdktf_velero.storage.spaces import SpacesBucket

stack = TerraformStack(app, "velero")
providers(stack, "doks")
DigitaloceanProvider(stack, "digitalocean")
spaces = SpacesBucket(stack, "spaces", bucket_name="acme-velero", region="nyc3", create_key=True)
VeleroBackups(
    stack,
    "velero",
    aws=AwsLocation(
        bucket="acme-velero",
        region="ca-central-1",
        access_key_id=variable(stack, "aws_access_key_id"),
        secret_access_key=variable(stack, "aws_secret_access_key"),
    ),
    digitalocean=DigitalOceanLocation(
        bucket="acme-velero",
        region="nyc3",
        spaces_access_key_id=spaces.access_key_id,
        spaces_secret_access_key=spaces.secret_access_key,
        api_token=variable(stack, "digitalocean_token"),
    ),
)
"""

# (c): the S3 bucket and Velero's IAM user (and its access key) created, feeding the AWS location.
SCENARIO_S3 = """
from @AWS@.provider import AwsProvider

from cdktf_velero.storage.iam import VeleroIamUser
from cdktf_velero.storage.s3 import S3BackupBucket

stack = TerraformStack(app, "velero")
providers(stack, "doks")
AwsProvider(stack, "aws", region="ca-central-1")
bucket = S3BackupBucket(stack, "s3", bucket_name="acme-velero")
user = VeleroIamUser(stack, "iam", bucket="acme-velero", bucket_arn=bucket.bucket_arn)
VeleroBackups(
    stack,
    "velero",
    aws=AwsLocation(
        bucket="acme-velero",
        region="ca-central-1",
        access_key_id=user.access_key_id,
        secret_access_key=user.secret_access_key,
    ),
    digitalocean=DigitalOceanLocation(
        bucket="acme-velero",
        region="nyc3",
        spaces_access_key_id=variable(stack, "spaces_access_key_id"),
        spaces_secret_access_key=variable(stack, "spaces_secret_access_key"),
        api_token=variable(stack, "digitalocean_token"),
    ),
)
"""

# (d): examples/many_clusters.py's shape: per cluster, the chart's stack and the custom resources' stack.
SCENARIO_CLUSTERS = """
for i in range({count}):
    name = f"cluster-{{i:03d}}"
    chart_stack = TerraformStack(app, name)
    resources_stack = TerraformStack(app, f"{{name}}-digitalocean")
    providers(chart_stack, f"doks-{{i}}")
    providers(resources_stack, f"doks-{{i}}", helm=False)
    VeleroBackups(
        chart_stack,
        "velero",
        aws=AwsLocation(
            bucket=f"acme-velero-{{name}}",
            region="ca-central-1",
            access_key_id=variable(chart_stack, "aws_access_key_id"),
            secret_access_key=variable(chart_stack, "aws_secret_access_key"),
            schedule=BackupSchedule(cron="0 7 * * *", file_system_backup=True),
        ),
        digitalocean=DigitalOceanLocation(
            bucket=f"acme-velero-{{name}}",
            region="nyc3",
            spaces_access_key_id=variable(resources_stack, "spaces_access_key_id"),
            spaces_secret_access_key=variable(resources_stack, "spaces_secret_access_key"),
            api_token=variable(chart_stack, "digitalocean_token"),
            schedule=BackupSchedule(cron="0 19 * * *", snapshot_volumes=True),
        ),
        custom_resources_stack=resources_stack,
    )
"""

# The floor: the library's cdk.tf.json rebuilt with the provider classes, construct path by construct path.
FLOOR = """
import importlib
import re

from @CORE@ import App, TerraformOutput, TerraformStack, TerraformVariable
from constructs import Construct

_T_IMPORT = _time.perf_counter()
OUT, RESULT, SPEC = _sys.argv[1], _sys.argv[2], _sys.argv[3]
with open(SPEC) as f:
    spec = _json.load(f)
app = App(outdir=OUT)
_REF = re.compile(r"\\$\\{([A-Za-z0-9_]+)\\.([A-Za-z0-9_-]+)(?:\\.([A-Za-z0-9_]+))?\\}")


_PACKAGES = @PACKAGES@


def _class(provider, module, wanted=None):
    mod = importlib.import_module(f"{_PACKAGES[provider]}.{module}")
    wanted = wanted or module.replace("_", "").lower()
    # Some classes carry a suffix against name clashes (S3BucketVersioningA).
    return next(getattr(mod, n) for n in sorted(dir(mod)) if n.lower() in (wanted, wanted + "a"))


def _camel(key):
    head, *rest = key.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def build_stack(stack, doc):
    variables, objects = {}, {}

    def tokens(value, in_list=False):
        if isinstance(value, str):
            def sub(m):
                kind, name, attr = m.groups()
                if kind == "var":
                    return variables[name].string_value
                target = objects.get((kind, name)) if attr else None
                return target.get_string_attribute(attr) if target is not None else m.group(0)
            return _REF.sub(sub, value)
        if isinstance(value, list):
            return [tokens(v, True) for v in value]
        if isinstance(value, dict):
            # Blocks inside lists reach TypeScript as plain objects: jsii property names (camelCase).
            return {(_camel(k) if in_list else k): tokens(v, in_list) for k, v in value.items()}
        return value

    for name, config in doc.get("variable", {}).items():
        variables[name] = TerraformVariable(stack, name, **config)
    for provider, configs in doc.get("provider", {}).items():
        for config in configs:
            _class(provider, "provider", provider + "provider")(stack, config.get("alias", provider), **tokens(config))
    scopes = {(): stack}

    def scope_for(path):
        key = tuple(path)
        if key not in scopes:
            scopes[key] = Construct(scope_for(path[:-1]), path[-1])
        return scopes[key]

    pending = []
    for section, prefix in (("data", "data_"), ("resource", "")):
        for rtype, items in doc.get(section, {}).items():
            for lid, config in items.items():
                pending.append((section, prefix, rtype, lid, config))
    def refs(config):
        text = _json.dumps(config)
        return {(m.group(1), m.group(2)) for m in _REF.finditer(text) if m.group(3)} | {
            tuple(d.split(".")[-2:]) for d in config.get("depends_on", [])
        }
    while pending:
        ready = [p for p in pending if all(r in objects or r[0] == "var" for r in refs(p[4]) - {(p[2], p[3])})]
        if not ready:
            raise SystemExit(f"floor: cannot order {[p[3] for p in pending]}")
        for item in ready:
            pending.remove(item)
            section, prefix, rtype, lid, config = item
            provider, module = rtype.split("_", 1)
            path = config["//"]["metadata"]["path"].split("/")[1:]
            kwargs = {k: tokens(v) for k, v in config.items() if k not in ("//", "depends_on")}
            if "depends_on" in config:
                kwargs["depends_on"] = [objects[tuple(d.split(".")[-2:])] for d in config["depends_on"]]
            cls = _class(provider, prefix + module)
            key = (prefix + rtype if section == "data" else rtype, lid)
            objects[(rtype, lid)] = objects[key] = cls(scope_for(path[:-1]), path[-1], **kwargs)
    # Outputs under the construct path the metadata records (a library output inside a construct keeps its path).
    paths = {}

    def output_paths(node, path):
        for key, value in node.items():
            if isinstance(value, dict):
                output_paths(value, [*path, key])
            else:
                paths[value] = [*path, key]

    output_paths(doc.get("//", {}).get("outputs", {}).get(stack.node.id, {}), [])
    for name, config in doc.get("output", {}).items():
        path = paths.get(name, [name])
        output = TerraformOutput(scope_for(path[:-1]), path[-1], **tokens(config))
        if path != [name]:
            output.override_logical_id(name)


stacks = {name: TerraformStack(app, name) for name in spec["stacks"]}
for name, doc in spec["stacks"].items():
    build_stack(stacks[name], doc)
for name, deps in spec["dependencies"].items():
    for dep in deps:
        stacks[name].add_dependency(stacks[dep])
_T_BUILD = _time.perf_counter()
app.synth()
_T_SYNTH = _time.perf_counter()
_report(RESULT, {"import": _T_IMPORT - _T0, "build": _T_BUILD - _T_IMPORT, "synth": _T_SYNTH - _T_BUILD})
"""

# (m): main.py, the complete original layout (created buckets, IAM user, Spaces key), as a user runs it.
MAIN = """
import main

_T_IMPORT = _time.perf_counter()
OUT, RESULT = _sys.argv[1], _sys.argv[2]
app = main.App(outdir=OUT)
main.build(app)
_T_BUILD = _time.perf_counter()
app.synth()
_T_SYNTH = _time.perf_counter()
_report(RESULT, {"import": _T_IMPORT - _T0, "build": _T_BUILD - _T_IMPORT, "synth": _T_SYNTH - _T_BUILD})
"""

# The floor of (m): what an app without this library costs, a bare app with the helm and kubernetes
# providers (a namespace and a release), measured with the fast path off.
BARE = """
from @CORE@ import App, TerraformStack
from @HELM@.provider import HelmProvider
from @HELM@.release import Release
from @KUBERNETES@.namespace import Namespace
from @KUBERNETES@.provider import KubernetesProvider

_T_IMPORT = _time.perf_counter()
OUT, RESULT = _sys.argv[1], _sys.argv[2]
app = App(outdir=OUT)
stack = TerraformStack(app, "bare")
KubernetesProvider(stack, "kubernetes", config_path="~/.kube/config")
HelmProvider(stack, "helm", kubernetes={"config_path": "~/.kube/config"})
Namespace(stack, "namespace", metadata={"name": "velero"})
Release(stack, "release", name="velero", chart="velero", repository="https://vmware-tanzu.github.io/helm-charts")
_T_BUILD = _time.perf_counter()
app.synth()
_T_SYNTH = _time.perf_counter()
_report(RESULT, {"import": _T_IMPORT - _T0, "build": _T_BUILD - _T_IMPORT, "synth": _T_SYNTH - _T_BUILD})
"""


@dataclass(frozen=True)
class Engine:
    """An engine to measure: its interpreter and the module names the generated scripts import."""

    name: str
    python: str
    core: str
    packages: dict[str, str]

    def render(self, template: str) -> str:
        text = template.replace("@CORE@", self.core).replace("@PACKAGES@", repr(self.packages))
        for provider, package in self.packages.items():
            text = text.replace(f"@{provider.upper()}@", package)
        return text


def engine(name: str, python: str) -> Engine:
    prefix = "cdktf_cdktf_provider_" if name == "cdktf" else "cdktn_provider_"
    packages = {p: prefix + p for p in ("aws", "helm", "kubernetes", "random")}
    packages["digitalocean"] = (
        "cdktf_cdktf_provider_digitalocean" if name == "cdktf" else "cdktf_velero.engine._digitalocean"
    )
    return Engine(name, python, name, packages)


# ---------------------------------------------------------------------------------------------


@dataclass
class Run:
    wall: float
    python_mib: float
    node_mib: float
    aws_imported: bool
    marks: dict[str, float]


VARIANTS = ("library", "off", "floor")
"""``library``: fast path on (the default); ``off``: the library with ``CDKTF_VELERO_FAST_IMPORTS=0``;
``floor``: the bare app, fast path off. On cdktn (lazy providers of its own) ``off`` is not measured."""


@dataclass
class Scenario:
    key: str
    title: str
    body: str
    engine: Engine
    clusters: int = 0
    runs: dict[str, list[Run]] = field(default_factory=lambda: {v: [] for v in VARIANTS})
    unavailable: str | None = None

    def variants(self) -> tuple[str, ...]:
        return VARIANTS if self.engine.name == "cdktf" else ("library", "floor")

    def median(self, variant: str) -> float:
        return statistics.median(r.wall for r in self.runs[variant])

    def memory(self, variant: str) -> float:
        """Median peak of the whole synthesis: the Python process plus its node children (MiB)."""
        return statistics.median(r.python_mib + r.node_mib for r in self.runs[variant])


def run_script(sc: Scenario, script: Path, workdir: Path, variant: str, *extra: str) -> tuple[Run, Path]:
    """One fresh process of the scenario's engine; returns its measurements and its outdir."""
    out = Path(tempfile.mkdtemp(prefix="out-", dir=workdir))
    result = out.with_suffix(".json")
    env = {**os.environ, "CHECKPOINT_DISABLE": "1", "CDKTF_VELERO_ENGINE": sc.engine.name}
    env["CDKTF_VELERO_FAST_IMPORTS"] = "1" if variant == "library" else "0"
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")])
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sc.engine.python, str(script), str(out), str(result), *extra],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    assert proc.stderr is not None
    stderr = proc.stderr.read()
    _, status, _usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0 or not result.is_file():
        tail = stderr.decode(errors="replace").strip().splitlines()[-3:]
        raise RuntimeError(f"{script.name} exited {proc.returncode}: {' | '.join(tail)}")
    data = json.loads(result.read_text())
    run = Run(
        wall=wall,
        python_mib=data["python_kib"] / 1024,
        node_mib=data["node_kib"] / 1024,
        aws_imported=bool(data["aws_imported"]),
        marks=data["marks"],
    )
    return run, out


def synthesized(out: Path) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """The stacks' cdk.tf.json documents and the stack dependencies, from an outdir."""
    manifest = json.loads((out / "manifest.json").read_text())
    docs, deps = {}, {}
    for name, entry in manifest["stacks"].items():
        docs[name] = json.loads((out / entry["synthesizedStackPath"]).read_text())
        deps[name] = list(entry.get("dependencies", []))
    return docs, deps


def prepare(sc: Scenario, workdir: Path) -> tuple[dict[str, tuple[Path, tuple[str, ...]]], dict[str, Run]]:
    """Write the scenario's scripts, run each once (checking the floor reproduces the library's output)."""
    tag = f"{sc.engine.name}-{sc.key}"
    lib = workdir / f"{tag}-library.py"
    floor = workdir / f"{tag}-floor.py"
    first: dict[str, Run] = {}
    if sc.key == "main":
        lib.write_text(MEASURE.replace("@AWS@", sc.engine.packages["aws"]) + MAIN)
        floor.write_text(sc.engine.render(MEASURE + BARE))
        scripts: dict[str, tuple[Path, tuple[str, ...]]] = {
            "library": (lib, ()),
            "off": (lib, ()),
            "floor": (floor, ()),
        }
        for variant in sc.variants():
            first[variant], out = run_script(sc, scripts[variant][0], workdir, variant)
            shutil.rmtree(out)
        return scripts, first
    lib.write_text(sc.engine.render(MEASURE + LIBRARY_HEADER + sc.body + LIBRARY_FOOTER))
    first["library"], out = run_script(sc, lib, workdir, "library")
    docs, deps = synthesized(out)
    spec = workdir / f"{tag}-spec.json"
    spec.write_text(json.dumps({"stacks": docs, "dependencies": deps}))
    floor.write_text(sc.engine.render(MEASURE + FLOOR))
    first["floor"], floor_out = run_script(sc, floor, workdir, "floor", str(spec))
    floor_docs, floor_deps = synthesized(floor_out)
    if floor_docs != docs or floor_deps != deps:
        diff = [name for name in docs if floor_docs.get(name) != docs[name]]
        raise RuntimeError(f"floor does not reproduce the library's output (stacks {diff[:3]})")
    shutil.rmtree(out)
    shutil.rmtree(floor_out)
    scripts = {"library": (lib, ()), "off": (lib, ()), "floor": (floor, (str(spec),))}
    if "off" in sc.variants():
        first["off"], out = run_script(sc, lib, workdir, "off")
        if synthesized(out)[0] != docs:
            raise RuntimeError("the library's output differs with the fast path off")
        shutil.rmtree(out)
    return scripts, first


def measure(
    scenarios: list[Scenario], runs: int, warmup: bool, workdir: Path, after_round: Callable[[int], None]
) -> None:
    """Warm-up (the preparing runs), then ``runs`` interleaved rounds; ``after_round`` sees each one end."""
    scripts: dict[str, dict[str, tuple[Path, tuple[str, ...]]]] = {}
    for sc in scenarios:
        name = f"{sc.engine.name}-{sc.key}"
        try:
            scripts[name], first = prepare(sc, workdir)
        except RuntimeError as err:
            sc.unavailable = str(err)
            print(f"# {sc.title} ({sc.engine.name}): not available ({err})", file=sys.stderr)
            continue
        if not warmup:  # --quick: the preparing runs are the measured ones.
            for variant, run in first.items():
                sc.runs[variant].append(run)
    # Interleave: round r runs every scenario's variants, in an order that rotates from round to round.
    for r in range(runs if warmup else 0):
        for sc in scenarios:
            name = f"{sc.engine.name}-{sc.key}"
            if name not in scripts:
                continue
            variants = sc.variants()
            for variant in variants[r % len(variants) :] + variants[: r % len(variants)]:
                script, extra = scripts[name][variant]
                run, out = run_script(sc, script, workdir, variant, *extra)
                shutil.rmtree(out)
                sc.runs[variant].append(run)
                print(f"# {name} {variant} run {r + 1}: {run.wall:.2f} s", file=sys.stderr)
        after_round(r + 1)


def version_of(cmd: list[str]) -> str:
    try:
        return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "?"


def package_version(python: str, name: str) -> str:
    code = f"import importlib.metadata as m; print(m.version({name!r}))"
    return version_of([python, "-c", code])


def load_average() -> str:
    try:
        with open("/proc/loadavg") as f:
            return " ".join(f.read().split()[:3])
    except OSError:
        return "?"


def table(scenarios: list[Scenario], runs: int, load_before: str, load_after: str, *, partial: bool = False) -> str:
    engines = sorted({sc.engine.name: sc.engine for sc in scenarios}.values(), key=lambda e: e.name)
    versions = ", ".join(f"{e.name} {package_version(e.python, e.name)}" for e in engines)
    lines = [
        "# Synthesis benchmark" + (f" (partial: {runs} round(s) done)" if partial else ""),
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores; Python {platform.python_version()}; "
        f"node {version_of(['node', '--version'])}; {versions}. "
        f"Load average (/proc/loadavg, 1/5/15 min) before / after: {load_before} / {load_after}; "
        "the machine is shared, so a load above the core count inflates every time in the same way.",
        "",
        f"Whole-process synthesis (spawn to exit), median of {runs} run(s) per variant, variants interleaved. "
        "library: the fast path on (the default); off: the library with CDKTF_VELERO_FAST_IMPORTS=0; "
        "floor: the same cdk.tf.json built with the provider classes and no library code (for main.py: a "
        "bare helm + kubernetes app), fast path off. Peak memory: the Python process plus its node "
        "children (VmHWM), in MiB.",
        "",
        "| scenario | engine | floor (s) | library (s) | ratio | off (s) | peak MiB library / off / floor "
        "| python MiB library / off | node MiB library / off | ms per extra cluster (lib / floor / Δ) "
        "| AWS provider imported |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for sc in scenarios:
        if sc.unavailable is not None or not sc.runs["library"] or not sc.runs["floor"]:
            lines.append(f"| {sc.title} | {sc.engine.name} | not available | - | - | - | - | - | - | - | - |")
            continue
        floor, lib = sc.median("floor"), sc.median("library")
        off = f"{sc.median('off'):.2f}" if sc.runs["off"] else "-"
        memory = " / ".join(f"{sc.memory(v):.0f}" if sc.runs[v] else "-" for v in VARIANTS)
        py, node = (
            " / ".join(
                f"{statistics.median(getattr(r, attr) for r in sc.runs[v]):.0f}" if sc.runs[v] else "-"
                for v in ("library", "off")
            )
            for attr in ("python_mib", "node_mib")
        )
        base = next((b for b in scenarios if b.engine is sc.engine and b.clusters == 1 and b.runs["library"]), None)
        extra = "-"
        if base is not None and sc.clusters > 1 and base.runs["floor"]:
            n = sc.clusters - 1
            per_lib = (lib - base.median("library")) / n * 1000
            per_floor = (floor - base.median("floor")) / n * 1000
            extra = f"{per_lib:.1f} / {per_floor:.1f} / {per_lib - per_floor:+.1f}"
        aws = "yes" if any(r.aws_imported for r in sc.runs["library"]) else "no"
        lines.append(
            f"| {sc.title} | {sc.engine.name} | {floor:.2f} | {lib:.2f} | {lib / floor:.3f} | {off} | {memory} "
            f"| {py} | {node} | {extra} | {aws} |"
        )
    lines += [
        "",
        f"Goals: main.py ≤ {MAX_MAIN_RATIO:.1f}x the bare helm + kubernetes floor; scenarios without AWS "
        f"resources ≤ {MAX_NO_AWS_RATIO:.1f}x their floor; peak memory with the fast path ≤ off.",
    ]
    return "\n".join(lines) + "\n"


def scenarios_for(quick: bool, engines: list[Engine]) -> list[Scenario]:
    found: list[Scenario] = []
    for eng in engines:
        found.append(Scenario("main", "(m) main.py, full layout, vs bare helm + kubernetes", "", eng))
        found.append(Scenario("aws_do", "(a) AWS + DigitalOcean, existing buckets", SCENARIO_AWS_DO, eng))
        if not quick:
            found += [
                Scenario("spaces", "(b) Spaces bucket and key created", SCENARIO_SPACES, eng),
                Scenario("s3", "(c) S3 bucket and IAM user created", SCENARIO_S3, eng),
            ]
        for count in (1, 2) if quick else (1, 10, 50):
            body = SCENARIO_CLUSTERS.format(count=count)
            found.append(Scenario(f"clusters{count}", f"(d) {count} cluster(s), {2 * count} stacks", body, eng, count))
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="1 run, no warm-up: (m), (a), 1 vs 2 clusters")
    parser.add_argument("--runs", type=int, default=3, help="measured runs per variant (default 3)")
    parser.add_argument("--write", action="store_true", help=f"write the table to {RESULTS.relative_to(ROOT)}")
    parser.add_argument("--only", nargs="*", default=None, help="scenario keys (main aws_do spaces s3 clustersN)")
    parser.add_argument(
        "--engine", choices=("cdktf", "cdktn"), default=os.environ.get("CDKTF_VELERO_ENGINE") or "cdktf"
    )
    parser.add_argument("--cdktn-python", default=None, help="interpreter of a cdktn environment: measure it too")
    args = parser.parse_args(argv)
    runs = 1 if args.quick else args.runs
    engines = [engine(args.engine, sys.executable)]
    if args.cdktn_python and args.engine != "cdktn":
        engines.append(engine("cdktn", args.cdktn_python))
    scenarios = scenarios_for(args.quick, engines)
    if args.only:
        scenarios = [sc for sc in scenarios if sc.key in args.only]
    load_before = load_average()

    def partial(done: int) -> None:
        # Each finished round rewrites the table, so an interrupted run still leaves figures behind.
        if args.write and done < runs:
            RESULTS.write_text(table(scenarios, done, load_before, load_average(), partial=True))

    with tempfile.TemporaryDirectory(prefix="cdktf-velero-bench-") as tmp:
        measure(scenarios, runs, warmup=not args.quick, workdir=Path(tmp), after_round=partial)
    text = table(scenarios, runs, load_before, load_average())
    print(text, end="")
    if args.write:
        RESULTS.write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
