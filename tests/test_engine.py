"""The engine choice (cdktf or cdktn), mixed engines, and what the output says about the engine."""

from __future__ import annotations

import importlib.metadata
import importlib.util
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

import cdktf_velero
from cdktf_velero import VeleroConfigError
from cdktf_velero.engine import ENGINE, PROVIDER_PACKAGES, check_engine, choose_engine, core, engine_of

ROOT = Path(__file__).resolve().parents[1]

# What each engine writes into cdk.tf.json: core version, provider sources and versions (one row per engine).
EXPECTED: dict[str, dict[str, Any]] = {
    "cdktf": {
        "version": "0.21.0",
        "providers": {
            "aws": {"source": "aws", "version": "6.25.0"},
            "helm": {"source": "helm", "version": "3.1.1"},
            "kubernetes": {"source": "kubernetes", "version": "2.38.0"},
            "digitalocean": {"source": "digitalocean/digitalocean", "version": "2.71.0"},
            "random": {"source": "hashicorp/random", "version": "3.7.2"},
        },
    },
    "cdktn": {
        "version": "0.24.0",
        "providers": {
            "aws": {"source": "hashicorp/aws", "version": "6.69.1"},
            "helm": {"source": "helm", "version": "3.3.0"},
            "kubernetes": {"source": "hashicorp/kubernetes", "version": "3.4.0"},
            "digitalocean": {"source": "digitalocean/digitalocean", "version": "2.71.0"},
            "random": {"source": "hashicorp/random", "version": "3.9.1"},
        },
    },
}


def _installed(*names: str) -> Any:
    return lambda name: name in names


@pytest.mark.parametrize(
    ("modules", "environ", "installed", "expected"),
    [
        ({"cdktn": 1}, {}, ("cdktf", "cdktn"), "cdktn"),  # the app's own import wins...
        ({"cdktf": 1}, {"CDKTF_VELERO_ENGINE": "cdktn"}, ("cdktf", "cdktn"), "cdktf"),  # ...over the variable
        ({"cdktf": 1, "cdktn": 1}, {"CDKTF_VELERO_ENGINE": "cdktn"}, ("cdktf", "cdktn"), "cdktn"),
        ({"cdktf": 1, "cdktn": 1}, {}, ("cdktf", "cdktn"), "cdktf"),
        ({}, {"CDKTF_VELERO_ENGINE": "cdktn"}, ("cdktf", "cdktn"), "cdktn"),
        ({}, {"CDKTF_VELERO_ENGINE": " cdktf "}, ("cdktf", "cdktn"), "cdktf"),
        ({}, {}, ("cdktf", "cdktn"), "cdktf"),
        ({}, {}, ("cdktn",), "cdktn"),
    ],
)
def test_choose_engine(
    modules: dict[str, int], environ: dict[str, str], installed: tuple[str, ...], expected: str
) -> None:
    assert choose_engine(modules, environ, _installed(*installed)) == expected


@pytest.mark.parametrize(
    ("environ", "installed", "message"),
    [
        ({"CDKTF_VELERO_ENGINE": "terraform"}, ("cdktf",), "must be 'cdktf' or 'cdktn'"),
        ({"CDKTF_VELERO_ENGINE": "cdktn"}, ("cdktf",), "pip install 'cdktf-velero[cdktn]'"),
        ({}, (), "names no installed engine"),
    ],
)
def test_choose_engine_refuses(environ: dict[str, str], installed: tuple[str, ...], message: str) -> None:
    with pytest.raises(VeleroConfigError, match="CDKTF_VELERO_ENGINE") as err:
        choose_engine({}, environ, _installed(*installed))
    assert message in str(err.value)


def test_the_layer_serves_the_chosen_engine() -> None:
    from cdktf_velero import engine

    assert core.App is sys.modules[ENGINE].App
    assert set(core.__all__) == set(sys.modules[ENGINE].__all__)
    assert engine.CDKTN is (ENGINE == "cdktn")
    for name, package in PROVIDER_PACKAGES[ENGINE].items():
        assert getattr(engine, name).__name__ == package
    assert cdktf_velero.DigitaloceanProvider is engine.digitalocean.provider.DigitaloceanProvider
    with pytest.raises(AttributeError):
        _ = engine.google  # type: ignore[attr-defined]


def test_engine_of_and_check_engine_accept_the_own_engine() -> None:
    app = core.Testing.app()
    stack = core.TerraformStack(app, "own")
    assert engine_of(app) == ENGINE
    assert engine_of(stack) == ENGINE
    assert engine_of(core.TerraformVariable(stack, "v", type="string")) == ENGINE
    assert engine_of(None) is None
    assert engine_of("text") is None
    check_engine("scope", stack)
    check_engine("custom_resources_stack", None)


MIXED = """
import {app_engine}
import cdktf_velero
from cdktf_velero import AwsLocation, VeleroBackups, VeleroConfigError
from cdktf_velero.engine import ENGINE
assert ENGINE == "{library_engine}", ENGINE
app = {app_engine}.App()
stack = {app_engine}.TerraformStack(app, "velero")
other = {app_engine}.TerraformStack(app, "other")
token = {app_engine}.TerraformVariable(stack, "k", type="string", sensitive=True).string_value
try:
    VeleroBackups(stack, "velero", aws=AwsLocation(bucket="acme", region="ca-central-1",
                  access_key_id=token, secret_access_key=token), custom_resources_stack=other)
except VeleroConfigError as err:
    print(err)
"""


@pytest.mark.both_engines  # the cdktn environment (make test-cdktn) has both
@pytest.mark.parametrize(("app_engine", "library_engine"), [("cdktn", "cdktf"), ("cdktf", "cdktn")])
def test_mixed_engines_name_both(app_engine: str, library_engine: str) -> None:
    # The library is imported first with the variable set, so it picks the other engine than the app's.
    env = {**os.environ, "CDKTF_VELERO_ENGINE": library_engine}
    env["PATH"] = os.pathsep.join([str(ROOT / "node_modules" / ".bin"), env["PATH"]])
    code = "import cdktf_velero\n" + textwrap.dedent(MIXED).format(app_engine=app_engine, library_engine=library_engine)
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=600, check=False
    )
    assert done.returncode == 0, done.stderr[-3000:]
    message = done.stdout.strip()
    assert message.startswith("scope: belongs to a " + app_engine + " app, but cdktf-velero runs on " + library_engine)
    assert "TerraformStack 'velero'" in message
    assert f"CDKTF_VELERO_ENGINE={app_engine}" in message


@pytest.mark.slow
def test_main_output_says_which_engine_wrote_it(tmp_path: Path) -> None:
    """Same resources and addresses on both engines (the snapshots are shared); versions per engine."""
    import main

    app = core.App(outdir=str(tmp_path))
    main.build(app)
    app.synth()
    expected = EXPECTED[ENGINE]
    assert importlib.metadata.version(ENGINE) == expected["version"]
    docs = {
        name: json.loads((tmp_path / "stacks" / name / "cdk.tf.json").read_text())
        for name in ("velero", "velero-digitalocean")
    }
    for name, doc in docs.items():
        assert doc["//"]["metadata"]["version"] == expected["version"], name
    providers = {**docs["velero"]["terraform"]["required_providers"]}
    providers.update(docs["velero-digitalocean"]["terraform"]["required_providers"])
    assert providers == expected["providers"]
    assert sorted(docs["velero-digitalocean"]["resource"]) == [
        "digitalocean_spaces_bucket",
        "digitalocean_spaces_key",
        "kubernetes_manifest",
        "kubernetes_secret",
    ]
