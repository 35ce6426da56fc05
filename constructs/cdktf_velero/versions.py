"""Pinned versions: the one place to bump the chart, Velero, a plugin, an engine or a provider package.

Everything else reads these: the library's defaults, the tests, ``scripts/import_crds.py`` (which loads this
file by path) and the Makefile (which runs it: ``python3 constructs/cdktf_velero/versions.py
CHART_VERSION`` prints one pin; without an argument, every pin as ``NAME=value``). It imports nothing, so it
runs without the package's dependencies.

After a chart bump, put the new chart folder in ``tests/upstream/velero-chart-<version>`` (the tests and
``make imports`` read the pinned version's folder), regenerate the bindings
(``make imports``) and the snapshots (``make snapshots``), and read both diffs.
"""

from __future__ import annotations

import sys

CHART_REPOSITORY = "https://vmware-tanzu.github.io/helm-charts"
CHART_NAME = "velero"
CHART_VERSION = "12.1.0"
"""The Velero chart; the values are built for its major version (see ``chart.CHART_MAJOR``)."""

VELERO_IMAGE = "velero/velero:v1.18.2"
"""Server image. Velero 1.18.2 rather than the chart's 1.18.1: it fixes a kopia snapshot leak on backup expiry and
the slowdown of backups with ``includedNamespaces: ["*"]``. The chart's CRD upgrade job uses it too, so it must
stay on the Velero minor version the chart is built for."""

AWS_PLUGIN_IMAGE = "velero/velero-plugin-for-aws:v1.14.3"
"""v1.14.x pairs with Velero 1.18. v1.14.3 is the first to keep request checksums off when a location sets
``checksumAlgorithm: ""`` (plugin PR 313, the 1.14 backport of PR 308, Velero issue 9951: v1.14.2 wrote the SDK's
checksum framing into the objects); it also sends no empty ``x-amz-tagging`` header (PR 309). Multipart uploads
still carry a CRC32 trailer (Velero issue 10543; plugin PRs 317 and 335, not merged)."""

DIGITALOCEAN_PLUGIN_IMAGE = "digitalocean/velero-plugin:v1.1.0"
"""DigitalOcean volume snapshotter (provider ``digitalocean.com/velero``)."""

DIGITALOCEAN_PROVIDER_VERSION = "2.71.0"
"""``digitalocean/digitalocean`` as cdktf's prebuilt package (below) pins it; the cdktn bindings
(``engine/_digitalocean``) declare the same version."""
DIGITALOCEAN_PROVIDER_CONSTRAINT = "~> 2.19"
"""The version constraint that prebuilt package writes into the generator metadata."""

# Python packages of the two engines (``setup.py`` reads these by path). cdktf's prebuilt providers are final
# (cdktf is archived): exact versions, the ones the fast imports (``cdktf_velero_fast_imports``) are tested with.
CDKTF_REQUIRES = (
    "cdktf>=0.21,<0.22",
    "constructs>=10.4.2,<11",
    # 1.140 is the first jsii with on-demand submodule imports, which the fast imports rely on.
    "jsii>=1.140,<2",
    "cdktf-cdktf-provider-helm==12.1.2",
    "cdktf-cdktf-provider-kubernetes==12.1.1",
    "cdktf-cdktf-provider-aws==21.22.1",
    "cdktf-cdktf-provider-digitalocean==13.14.1",
    "cdktf-cdktf-provider-random==12.0.1",
)
"""What ``pip install cdktf-velero`` brings: cdktf and its prebuilt providers."""

CDKTN_REQUIRES = (
    "cdktn==0.24.*",
    # cdktn's core is built against constructs < 10.8.
    "constructs>=10.6,<10.8",
    "cdktn-provider-helm==15.1.0",
    "cdktn-provider-kubernetes==17.1.0",
    "cdktn-provider-aws==25.8.1",
    "cdktn-provider-random==15.0.1",
)
"""The ``cdktn`` extra: CDK Terrain and its providers (DigitalOcean has none: the library brings its own)."""

PINS = {
    "CHART_REPOSITORY": CHART_REPOSITORY,
    "CHART_NAME": CHART_NAME,
    "CHART_VERSION": CHART_VERSION,
    "VELERO_IMAGE": VELERO_IMAGE,
    "AWS_PLUGIN_IMAGE": AWS_PLUGIN_IMAGE,
    "DIGITALOCEAN_PLUGIN_IMAGE": DIGITALOCEAN_PLUGIN_IMAGE,
    "DIGITALOCEAN_PROVIDER_VERSION": DIGITALOCEAN_PROVIDER_VERSION,
    "CDKTF_REQUIRES": " ".join(CDKTF_REQUIRES),
    "CDKTN_REQUIRES": " ".join(CDKTN_REQUIRES),
}
"""Every pin by name, for the command line."""


def main(argv: list[str]) -> int:
    """Print the named pins (one a line), or every pin as ``NAME=value``."""
    unknown = [name for name in argv if name not in PINS]
    if unknown:
        print(f"unknown pin(s): {', '.join(unknown)}; known: {', '.join(PINS)}", file=sys.stderr)
        return 2
    for name in argv or PINS:
        print(PINS[name] if argv else f"{name}={PINS[name]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
