"""Credentials and the tokens they are given as: whole-token recognition, the encodings cdktf replaces
in text, and the check of a credential property (the escaping of literal text is :mod:`.terraform`'s).

A credential is written into a Kubernetes secret's ``data`` and nowhere else; these rules make sure the
secret receives exactly what was given (one Terraform reference, or the literal text) and that the value
is never repeated in an error.
"""

from __future__ import annotations

import re
import struct
import unicodedata

from ..errors import VeleroConfigError
from .terraform import STRING_TOKEN

__all__ = ["check_secret", "holds_token_encoding", "is_single_token"]

_ANY_TOKEN_MARKER = re.compile(r"[$#&]\{TfToken\[")
# Strings cdktf scans for encoded number tokens, and the top 16 bits that mark one (0xfdff, lists 0xfbff).
_NUMBER_TOKEN_TEXT = re.compile(r"[-|\d|.+]+(e[-|\d|.|e|E|+]+)")
_JS_FLOAT_PREFIX = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")
_NUMBER_TOKEN_BITS = (0xFDFF, 0xFBFF)


def is_single_token(value: object) -> bool:
    """True when the WHOLE string is exactly one cdktf string token that cdktf knows.

    A literal joined to a token (``"key/" + var.string_value``) is not one: its literal part would be
    written as text. The encoding is tested in pure Python; cdktf's ``Tokenization.reverse_string`` then
    confirms the token is registered, so a forged marker never passes for a Terraform value.
    """
    if not isinstance(value, str) or not STRING_TOKEN.fullmatch(value):
        return False
    from ..engine.core import Tokenization  # the jsii runtime: loaded only when a token is being checked

    try:
        fragments = Tokenization.reverse_string(value)
        return fragments.length == 1 and fragments.first_token is not None
    except Exception:  # jsii: "Unrecognized Token Key" for a marker cdktf never issued
        return False


def holds_token_encoding(text: str) -> bool:
    """True when literal text holds anything cdktf would replace at synth: a string, list or map token
    marker, or a number that encodes a token (cdktf scans every string for those)."""
    if _ANY_TOKEN_MARKER.search(text):
        return True
    for match in _NUMBER_TOKEN_TEXT.finditer(text):
        prefix = _JS_FLOAT_PREFIX.match(match.group(0))
        if prefix is None:
            continue
        try:
            number = float(prefix.group(0))
        except OverflowError:  # pragma: no cover - float() returns inf rather than raising
            continue
        if struct.unpack("<Q", struct.pack("<d", number))[0] >> 48 in _NUMBER_TOKEN_BITS:
            return True
    return False


def check_secret(path: str, value: object, *, allow_plaintext: bool) -> str:
    """A credential: exactly one Terraform token (sensitive variable, resource attribute) unless plaintext
    is allowed. Never repeated in an error."""
    if not isinstance(value, str):
        raise VeleroConfigError(path, None, "must be a string token", secret=True)
    if is_single_token(value):
        return value
    if not allow_plaintext:
        raise VeleroConfigError(
            path,
            None,
            "must be a Terraform token (the whole string one token), not a literal: declare "
            "TerraformVariable(stack, 'name', type='string', sensitive=True) and pass its .string_value "
            "(or a resource attribute); text joined to a token is a literal too (build it in Terraform, "
            "e.g. Fn.join, and pass that one token); to accept literal secrets anyway set "
            "allow_plaintext_secrets=True",
            secret=True,
        )
    if holds_token_encoding(value):
        raise VeleroConfigError(
            path,
            None,
            "mixes literal text with a cdktf token (or holds a token's encoding): cdktf would replace that part "
            "at synth, so the secret would not be what was given; pass one token (e.g. Fn.join) or a plain literal",
            secret=True,
        )
    if value.strip() == "":
        raise VeleroConfigError(path, None, "must not be empty", secret=True)
    if not value.isprintable() or any(char.isspace() for char in value):
        # It is written into an INI credentials file or an environment variable: a newline would
        # inject further keys, and no real key or token holds spaces.
        raise VeleroConfigError(path, None, "must be a single word without spaces or control characters", secret=True)
    if not unicodedata.is_normalized("NFC", value):
        # Terraform normalizes every string of its configuration to NFC: the cluster would get other bytes.
        raise VeleroConfigError(path, None, "must be in Unicode normal form NFC (Terraform rewrites it)", secret=True)
    return value
