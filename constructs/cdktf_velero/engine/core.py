"""The chosen engine's core module, re-exported: ``from .engine.core import App, TerraformStack``.

Every public name of ``cdktf`` (or ``cdktn``) is here, so moving a module from ``from cdktf import X``
to ``from .engine.core import X`` changes its import line only (see :mod:`cdktf_velero.engine`).
"""

from __future__ import annotations

from . import CDKTN

if CDKTN:
    from cdktn import *  # noqa: F403
    from cdktn import __all__ as __all__
else:
    from cdktf import *  # noqa: F403
    from cdktf import __all__ as __all__
