"""``create_storage`` of the AWS and DigitalOcean locations through the pure layer: the storage constructs are
stood in for by recorders (no jsii call), so that what each is given and what flows onward is asserted exactly."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from cdktf_velero import S3BucketOptions, SpacesBucketOptions
from cdktf_velero.locations.base import CreatedStorage
from cdktf_velero.storage import iam, s3, spaces

from .internal import resolve
from .test_pure_locations import KMS, aws, do

pytestmark = pytest.mark.pure


class Part:
    """Stands in for a storage construct: records what it was given, exposes token-like attributes."""

    def __init__(self, scope: object, construct_id: str, **kwargs: Any) -> None:
        self.scope, self.construct_id, self.kwargs = scope, construct_id, kwargs
        self.bucket = SimpleNamespace(bucket=f"{construct_id}.bucket", name=f"{construct_id}.name")
        self.bucket_arn = self.urn = f"{construct_id}.arn"
        self.user = SimpleNamespace(name=f"{construct_id}.user")
        self.policy = f"{construct_id}.policy"
        key = kwargs.get("create_key", True)
        self.access_key_id = f"{construct_id}.id" if key else None
        self.secret_access_key = f"{construct_id}.secret" if key else None


PROPS: Any = SimpleNamespace(aws_provider="aws-provider", digitalocean_provider="do-provider")
SCOPE = object()


def test_no_storage_is_created_unless_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    for module, name in ((s3, "S3BackupBucket"), (iam, "VeleroIamUser"), (spaces, "SpacesBucket")):
        monkeypatch.setattr(module, name, None)
    for location in (aws(), do(), aws(create_bucket=False)):
        assert location.create_storage(SCOPE, resolve(location, "x", default=False), PROPS) is None  # type: ignore[arg-type]


@pytest.fixture
def parts(monkeypatch: pytest.MonkeyPatch) -> None:
    for module, name in ((s3, "S3BackupBucket"), (iam, "VeleroIamUser"), (spaces, "SpacesBucket")):
        monkeypatch.setattr(module, name, Part)


def created(location: Any, path: str = "aws") -> Any:
    found = location.create_storage(SCOPE, resolve(location, path, default=True), PROPS)
    assert isinstance(found, CreatedStorage)
    return found


def part(storage: CreatedStorage, name: str) -> Any:
    found = storage.part(name, Part)
    assert isinstance(found, Part)
    return found


@pytest.mark.usefixtures("parts")
@pytest.mark.parametrize("access_mode", ["ReadWrite", "ReadOnly"])
def test_aws_creates_the_bucket_and_the_user(access_mode: str) -> None:
    options = S3BucketOptions(kms_key_arn=KMS)
    location = aws(
        create_bucket=True,
        bucket_options=options,
        create_iam_user=True,
        access_key_id=None,
        secret_access_key=None,
        prefix="prod",
        iam_user_name="velero-prod",
        access_mode=access_mode,
        schedule=None,
        default=False,
    )
    storage = created(location)
    bucket, user = part(storage, "s3_bucket"), part(storage, "iam_user")
    assert (bucket.scope, bucket.construct_id, user.scope, user.construct_id) == (SCOPE, "s3-bucket", SCOPE, "iam-user")
    assert bucket.kwargs == {
        "bucket_name": "acme",
        "options": options,
        "provider": "aws-provider",
        "property_path": "aws.",
    }
    assert user.kwargs == {
        "bucket": "acme",
        "bucket_arn": "s3-bucket.arn",
        "prefix": "prod",
        "user_name": "velero-prod",
        "kms_key_arn": KMS,
        "read_only": access_mode == "ReadOnly",
        "provider": "aws-provider",
        "property_path": "aws.",
    }
    assert storage.ready == (bucket.bucket, user.policy)
    assert [(o.name, o.value, o.description) for o in storage.outputs] == [
        ("s3_bucket_name", "s3-bucket.bucket", "S3 bucket of the Velero backups"),
        ("s3_bucket_arn", "s3-bucket.arn", "ARN of the S3 bucket"),
        ("iam_user_name", "iam-user.user", "IAM user whose access key Velero uses"),
    ]
    assert (storage.keys.access_key_id, storage.keys.secret_access_key) == ("iam-user.id", "iam-user.secret")
    assert storage.part("s3_bucket", str) is None
    assert storage.part("missing", Part) is None


@pytest.mark.usefixtures("parts")
def test_aws_creates_the_bucket_alone() -> None:
    storage = created(aws(create_bucket=True))
    assert set(storage.parts) == {"s3_bucket"}
    assert storage.keys is None
    assert storage.ready == (part(storage, "s3_bucket").bucket,)
    assert part(storage, "s3_bucket").kwargs["options"] is None


@pytest.mark.usefixtures("parts")
def test_aws_creates_the_user_alone() -> None:
    storage = created(aws(create_iam_user=True, access_key_id=None, secret_access_key=None))
    assert set(storage.parts) == {"iam_user"}
    user = part(storage, "iam_user")
    assert (user.kwargs["bucket_arn"], user.kwargs["kms_key_arn"], user.kwargs["prefix"]) == (None, None, None)
    assert [o.name for o in storage.outputs] == ["iam_user_name"]
    assert storage.keys is not None


@pytest.mark.usefixtures("parts")
@pytest.mark.parametrize("key", [False, True])
def test_digitalocean_creates_the_bucket_and_maybe_its_key(key: bool) -> None:
    keys: dict[str, Any] = {"spaces_access_key_id": None, "spaces_secret_access_key": None} if key else {}
    options = SpacesBucketOptions() if key else None
    location = do(create_bucket=True, create_spaces_key=key, region="nyc3", bucket_options=options, **keys)
    storage = created(location, "digitalocean")
    bucket = part(storage, "spaces_bucket")
    assert (bucket.scope, bucket.construct_id) == (SCOPE, "spaces")
    assert bucket.kwargs == {
        "bucket_name": "acme",
        "region": "nyc3",
        "options": options,
        "create_key": key,
        "provider": "do-provider",
        "property_path": "digitalocean.",
    }
    assert storage.ready == (bucket.bucket,)
    assert [(o.name, o.value, o.description) for o in storage.outputs] == [
        ("spaces_bucket_name", "spaces.name", "Spaces bucket of the backups"),
        ("spaces_bucket_urn", "spaces.arn", "URN of the Spaces bucket"),
    ]
    if key:
        assert (storage.keys.access_key_id, storage.keys.secret_access_key) == ("spaces.id", "spaces.secret")
    else:
        assert storage.keys is None


class HalfKey(Part):
    """A bucket whose key came back with one half only."""

    def __init__(self, scope: object, construct_id: str, **kwargs: Any) -> None:
        super().__init__(scope, construct_id, **kwargs)
        self.secret_access_key = None


def test_half_a_created_key_is_no_key_pair(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(spaces, "SpacesBucket", HalfKey)
    keys: dict[str, Any] = {"spaces_access_key_id": None, "spaces_secret_access_key": None}
    assert created(do(create_bucket=True, create_spaces_key=True, **keys), "digitalocean").keys is None
