"""Pinned versions: the one place to bump the chart, Velero or a plugin.

After a chart bump, put the new chart folder in ``tests/upstream/velero-chart-<version>`` (the tests and
``make imports`` read the pinned version's folder), regenerate the snapshots (``make snapshots``) and read
their diff.
"""

from __future__ import annotations

CHART_REPOSITORY = "https://vmware-tanzu.github.io/helm-charts"
CHART_NAME = "velero"
CHART_VERSION = "12.1.0"
"""Velero chart 12.1.0 ships Velero 1.18.1."""

VELERO_IMAGE = "velero/velero:v1.18.1"
"""Server image; the chart's CRD upgrade job uses it too, so it must stay on 1.18.x for chart 12.x."""

AWS_PLUGIN_IMAGE = "velero/velero-plugin-for-aws:v1.14.3"
"""v1.14.x pairs with Velero 1.18; v1.14.2 corrupted backups on S3-compatible stores."""

DIGITALOCEAN_PLUGIN_IMAGE = "digitalocean/velero-plugin:v1.1.0"
"""DigitalOcean volume snapshotter (provider ``digitalocean.com/velero``)."""

DIGITALOCEAN_SNAPSHOT_PROVIDER = "digitalocean.com/velero"

SPACES_REGIONS = frozenset({"nyc3", "sfo2", "sfo3", "ams3", "sgp1", "fra1", "syd1", "blr1", "lon1", "tor1", "atl1"})
"""DigitalOcean regions that offer Spaces."""
