"""Generated bindings, imported as ``cdktf_velero.imports``.

``velero/`` holds typed classes for the Velero custom resources, written by ``scripts/import_crds.py``
(``make imports``) from the CRDs of the chart pinned in ``cdktf_velero.versions``. Do not edit them by hand:
change the generator (or its static modules in ``scripts/crd_static/``) and regenerate.
"""
