"""Storage the library can create for a location: buckets and the keys that feed Velero.

:mod:`.options` holds the pure options and checks (the plan uses them); :mod:`.s3`, :mod:`.iam` and
:mod:`.spaces` hold the constructs, which load their provider package only when built.
"""
