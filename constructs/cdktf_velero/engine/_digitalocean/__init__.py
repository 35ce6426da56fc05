"""DigitalOcean bindings written on the engine's core, for engines without a DigitalOcean package (cdktn).

They mirror what the library and its users need of cdktf's prebuilt ``cdktf-cdktf-provider-digitalocean``
13.14.1 (provider ``digitalocean/digitalocean`` 2.71.0): the same module layout, class names, keyword
arguments and synthesized JSON and HCL (``tests/test_digitalocean_bindings.py`` compares them on cdktf):

- :mod:`.provider`: ``DigitaloceanProvider``;
- :mod:`.spaces_bucket`: ``SpacesBucket`` and its blocks (CORS and lifecycle rules, versioning);
- :mod:`.spaces_key`: ``SpacesKey`` and ``SpacesKeyGrant``;
- :mod:`._resource`: their base (the meta-arguments, synthesis from the attribute table of :mod:`._schema`).

On cdktf, ``cdktf_velero.engine.digitalocean`` is the prebuilt package itself; these modules serve cdktn.
"""

from __future__ import annotations

from . import provider, spaces_bucket, spaces_key

__all__ = ["provider", "spaces_bucket", "spaces_key"]
