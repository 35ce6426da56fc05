"""Text as Terraform reads it from ``cdk.tf.json``: tokens, template sequences, identifiers.

Every string in ``cdk.tf.json`` is a Terraform template: ``${...}`` interpolates, ``%{...}`` runs a directive.
cdktf writes literal strings unescaped, and writes its tokens (``${TfToken[...]}``) as references. Free text is
escaped (:func:`escape_terraform_template`); where text cannot be escaped (names, buckets, URLs) a template
sequence is refused (:func:`has_template`); text that cdktf or Terraform would get wrong is refused everywhere
(:func:`check_text`).
"""

from __future__ import annotations

import re
import unicodedata

from ..errors import VeleroConfigError

__all__ = [
    "check_terraform_identifier",
    "check_text",
    "check_token_keys",
    "escape_terraform_template",
    "has_template",
    "is_token",
]

_TOKEN_MARKERS = ("${TfToken[", "#{TfToken[")
_TOKEN_TEXT = re.compile(r"[$#]\{TfToken\[[^\]]*\]\}")
_TOKEN_NUMBER = re.compile(r"[$#]\{TfToken\[[^\]]*?([0-9]+)\]\}")
_DOLLAR_BEFORE_TOKEN = re.compile(r"\$(?=\$\{TfToken\[)")
_LONE_CR_BEFORE_TOKEN = re.compile(r"\r(?!\n)[\s\S]*\$\{TfToken\[")
_TERRAFORM_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
_highest_token = -1


def is_token(value: object) -> bool:
    """True when ``value`` is (or contains) an unresolved cdktf token.

    A pure-Python test of cdktf's token markers: no jsii round trip per property.
    """
    if isinstance(value, str):
        return any(marker in value for marker in _TOKEN_MARKERS)
    return False


def has_template(text: str) -> bool:
    """True when literal text holds ``${`` or ``%{``, or a ``$`` right before a token: Terraform would
    evaluate it as a template (cdktf writes literal strings into ``cdk.tf.json`` unescaped)."""
    literal = _TOKEN_TEXT.sub("\0", text)
    return "${" in literal or "%{" in literal or "$\0" in literal


def escape_terraform_template(text: str) -> str:
    """Text as Terraform reads it back unchanged: ``${`` becomes ``$${`` and ``%{`` becomes ``%%{`` in the
    literal parts, cdktf tokens are left as they are (they resolve to the references they stand for)."""
    if "${" not in text and "%{" not in text:
        return text
    parts: list[str] = []
    last = 0
    for match in _TOKEN_TEXT.finditer(text):
        parts.append(_escape_literal(text[last : match.start()]))
        parts.append(match.group(0))
        last = match.end()
    parts.append(_escape_literal(text[last:]))
    return "".join(parts)


def _escape_literal(text: str) -> str:
    return text.replace("${", "$${").replace("%{", "%%{")


def check_text(path: str, value: object) -> str:
    """Free text (an annotation, a hook command, a chart value): any string that can be written into
    ``cdk.tf.json``. Template sequences in it are escaped when it is written (:func:`escape_terraform_template`);
    what cannot be written faithfully is refused: invalid Unicode, text Terraform would normalize (not NFC), a
    token cdktf never issued, a list token where a string goes, a ``$`` right before a token, a lone carriage
    return before one."""
    if not isinstance(value, str):
        raise VeleroConfigError(path, value, "must be a string")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise VeleroConfigError(path, value, "must be valid Unicode text (no lone surrogate code points)") from None
    if not unicodedata.is_normalized("NFC", value):
        raise VeleroConfigError(
            path,
            value,
            "must be in Unicode normal form C: Terraform normalizes every string, so it would reach the cluster as "
            f"{unicodedata.normalize('NFC', value)!r}",
        )
    check_token_keys(path, value)
    if "#{TfToken[" in value:
        raise VeleroConfigError(
            path, value, "is a list token (or holds one): pass a string token, or a list of string tokens"
        )
    if _LONE_CR_BEFORE_TOKEN.search(value):
        raise VeleroConfigError(
            path,
            value,
            "must not put a carriage return without a newline before a cdktf token: Terraform then takes the "
            "rest of the text literally and never inserts the token's value",
        )
    if _DOLLAR_BEFORE_TOKEN.search(value):
        raise VeleroConfigError(
            path,
            value,
            "must not put a literal '$' right before a cdktf token: Terraform would read '$${' as an escape "
            "and never insert the token's value",
        )
    return value


def check_token_keys(path: str, text: str, *, secret: bool = False) -> None:
    """Every token in ``text`` is one cdktf issued: text that merely looks like a token would fail at synth
    ("Unrecognized Token Key"). cdktf numbers its tokens in sequence, so a number up to the highest it has
    issued is a real token; asking cdktf for that number takes one call whenever a higher one shows up."""
    global _highest_token
    numbers = [int(number) for number in _TOKEN_NUMBER.findall(text)]
    if not numbers or max(numbers) <= _highest_token:
        return
    from cdktf import Token

    probe = _TOKEN_NUMBER.fullmatch(Token.as_string(0))
    if probe is not None:
        _highest_token = max(_highest_token, int(probe.group(1)))
    if max(numbers) > _highest_token:
        raise VeleroConfigError(
            path,
            None if secret else text,
            "holds text shaped like a cdktf token that cdktf never issued: pass the token itself",
            secret=secret,
        )


def check_terraform_identifier(path: str, value: object) -> str:
    """A name Terraform accepts for an output, variable or resource: a letter or '_', then letters,
    digits, '_' or '-'."""
    text = check_text(path, value)
    if not _TERRAFORM_IDENTIFIER.fullmatch(text):
        raise VeleroConfigError(
            path, value, "must be a Terraform identifier: a letter or '_', then letters, digits, '_' or '-'"
        )
    return text
