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
    "STRING_TOKEN",
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
STRING_TOKEN = re.compile(r"\$\{TfToken\[[a-zA-Z0-9:._-]+\]\}")
"""cdktf's string token encoding (lib/tokens/private/encoding.ts): ``${TfToken[`` KEY ``]}``, KEY of [a-zA-Z0-9:._-]."""
_DOLLARS_BEFORE_BRACE = re.compile(r"\$+(?=\{)")
_TRAILING_DOLLARS = re.compile(r"\$+$")
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
    pieces = _TOKEN_TEXT.split(text)  # the literal text between tokens
    return any("${" in piece or "%{" in piece for piece in pieces) or any(p.endswith("$") for p in pieces[:-1])


def escape_terraform_template(text: str) -> str:
    """Text as Terraform reads it back unchanged, cdktf tokens kept as the references they stand for.

    In literal text ``${`` becomes ``$${`` and ``%{`` becomes ``%%{``. Where the text also holds tokens, cdktf
    reads a ``${`` of the literal text as the start of an expression and would then write the next token
    without its braces; there each run of ``$`` before ``{`` (or right before a token) is written as a quoted
    expression, ``${"$"}``, which Terraform evaluates to the same dollars. Apply it once, to unescaped text.
    """
    tokens = list(STRING_TOKEN.finditer(text))
    if not tokens:
        return text.replace("${", "$${").replace("%{", "%%{")
    parts: list[str] = []
    last = 0
    for match in tokens:
        parts += [_escape_beside_tokens(text[last : match.start()], before_token=True), match.group(0)]
        last = match.end()
    parts.append(_escape_beside_tokens(text[last:], before_token=False))
    return "".join(parts)


def _escape_beside_tokens(literal: str, *, before_token: bool) -> str:
    """One literal piece of a string holding tokens (see :func:`escape_terraform_template`)."""

    def quoted(run: re.Match[str]) -> str:
        return '${"' + run.group(0) + '"}'

    escaped = _DOLLARS_BEFORE_BRACE.sub(quoted, literal.replace("%{", "%%{"))
    return _TRAILING_DOLLARS.sub(quoted, escaped) if before_token else escaped


def check_text(path: str, value: object) -> str:
    """Free text (an annotation, a hook command, a chart value): any string that can be written into
    ``cdk.tf.json``. Template sequences in it are escaped when it is written (:func:`escape_terraform_template`);
    what cannot be written faithfully is refused: invalid Unicode, text Terraform would normalize (not NFC), a
    token cdktf never issued, a list token where a string goes, a lone carriage return before a token."""
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
    return value


def check_token_keys(path: str, text: str, *, secret: bool = False) -> None:
    """Every token in ``text`` is one cdktf issued: text that merely looks like a token would fail at synth
    ("Unrecognized Token Key"). cdktf numbers its tokens in sequence, so a number up to the highest it has
    issued is a real token; asking cdktf for that number takes one call whenever a higher one shows up."""
    global _highest_token
    numbers = [int(number) for number in _TOKEN_NUMBER.findall(text)]
    if not numbers or max(numbers) <= _highest_token:
        return
    from ..engine.core import Token

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
