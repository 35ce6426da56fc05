"""Generated bindings, installed as ``cdktf_velero.imports`` (import them by that name, never as ``imports``).

``velero/`` holds typed classes for the Velero custom resources, written by ``scripts/import_crds.py``
(``make imports``). The package ``constructs/cdktf_velero/imports`` is a symlink to this folder, so the editable
install, mypy (``mypy_path = "constructs"``) and the wheel all see it at ``cdktf_velero/imports``.
"""
