"""Article bytes to text: UTF-8 first, then the encodings newsrooms' files come in.

UTF-8 (with or without a byte-order mark) and UTF-16 with a byte-order mark are read as they
are. UTF-16 without a byte-order mark is recognised by its zero bytes (every other byte of
Latin text) and named in a warning. Anything else that is not UTF-8 goes to
charset-normalizer; its guess is named in a warning. Windows-1252 (the superset of Latin-1
that Windows editors and old content systems write) is taken whenever it reads the text
about as well as the best guess: charset-normalizer ranks short Western European texts under
Baltic, DOS or Central European code pages that turn "ü" or "ñ" into another letter. The
price: a Central European file in Windows-1250 whose letters are all valid Windows-1252 is
read as Windows-1252 ("Vučić" as "Vuèiæ"); the warning names the encoding taken.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from charset_normalizer.models import CharsetMatch

__all__ = ["DecodeError", "Decoded", "decode"]

# Display names of the encodings named in warnings (Python's codec names otherwise).
_NAMES = {
    "cp1252": "Windows-1252",
    "latin_1": "Latin-1 (ISO-8859-1)",
    "utf_16_le": "UTF-16LE",
    "utf_16_be": "UTF-16BE",
    "utf_32_le": "UTF-32LE",
    "utf_32_be": "UTF-32BE",
    "cp1250": "Windows-1250",
    "cp1251": "Windows-1251",
    "koi8_r": "KOI8-R",
    "iso8859_2": "ISO-8859-2",
    "iso8859_15": "ISO-8859-15",
    "mac_roman": "Mac Roman",
    "shift_jis": "Shift JIS",
    "cp932": "Shift JIS (cp932)",
    "euc_jp": "EUC-JP",
    "gb18030": "GB18030",
    "big5": "Big5",
    "euc_kr": "EUC-KR",
}
# Single-byte Western encodings, the names given to a guess they read identically.
_WESTERN = ("cp1252", "latin_1")
_CHAOS_SLACK = 0.01  # charset-normalizer's mess ratio: 0 is clean text
_COHERENCE_SLACK = 0.1  # its language coherence: 0..1
_UTF16_CHAOS = 0.2


class DecodeError(ValueError):
    """The bytes are not text in an encoding we can tell; the message says why."""


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str  # codec name: "utf_8", "cp1252", ...
    warning: str | None  # set when the encoding was guessed


def decode(raw: bytes) -> Decoded:
    """The text of `raw` (line ends as read); raise DecodeError for binary or unknown bytes."""
    for bom, codec in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32")):
        if raw.startswith(bom):
            return Decoded(_strict(raw, codec, "UTF-32"), codec.replace("-", "_"), None)
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return Decoded(_strict(raw, "utf-16", "UTF-16"), "utf_16", None)
    if b"\x00" in raw:
        utf16 = _utf16_without_bom(raw)
        if utf16 is None:
            raise DecodeError("binary file (NUL bytes), not an article")
        return utf16
    try:
        return Decoded(raw.decode("utf-8-sig"), "utf_8", None)
    except UnicodeDecodeError as exc:
        offset = exc.start
    return _guess(raw, offset)


def _strict(raw: bytes, codec: str, label: str) -> str:
    try:
        return raw.decode(codec)
    except UnicodeDecodeError as exc:
        raise DecodeError(f"cannot be decoded as {label} ({exc.reason})") from exc


def _readable(text: str) -> bool:
    """Whether decoded text reads as text: no NUL, next to no other control characters."""
    if "\x00" in text:
        return False
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\t\n\r\f")
    return controls <= len(text) // 100


def _utf16_without_bom(raw: bytes) -> Decoded | None:
    """UTF-16 told by where its zero bytes are: the high byte of each Latin character."""
    if len(raw) % 2:
        return None
    pairs = len(raw) // 2
    zero_even = raw[0::2].count(0)
    zero_odd = raw[1::2].count(0)
    for codec, zeros, others in (
        ("utf_16_le", zero_odd, zero_even),
        ("utf_16_be", zero_even, zero_odd),
    ):
        if zeros >= pairs // 4 and others <= pairs // 50:
            try:
                text = raw.decode(codec)
            except UnicodeDecodeError:
                continue
            if _readable(text):
                return Decoded(text, codec, _utf16_warning(codec))
    # Text in other scripts has zero bytes only in its few Latin characters (line ends,
    # digits), all high bytes: on one side of each pair. charset-normalizer then checks that
    # the characters read as text.
    if zero_even and zero_odd:
        return None
    from charset_normalizer import from_bytes

    codec = "utf_16_le" if zero_odd else "utf_16_be"
    best = from_bytes(raw, cp_isolation=[codec]).best()
    if best is not None and best.chaos <= _UTF16_CHAOS:
        text = str(best)
        if _readable(text):
            return Decoded(text, best.encoding, _utf16_warning(best.encoding))
    return None


def _utf16_warning(codec: str) -> str:
    return f"no byte-order mark: read as {_NAMES.get(codec, codec)} (guessed)"


def _western(match: CharsetMatch) -> str | None:
    """Windows-1252 or Latin-1 when `match` reads the text exactly as they do."""
    readings = (match.encoding, *match.could_be_from_charset)
    return next((c for c in _WESTERN if c in readings), None)


def _guess(raw: bytes, offset: int) -> Decoded:
    from charset_normalizer import from_bytes

    matches = list(from_bytes(raw))
    if not matches:
        raise DecodeError(
            f"not UTF-8 text (undecodable byte at offset {offset}) and no other encoding "
            "fits; save the file as UTF-8"
        )
    best = matches[0]
    chosen, name = best, _western(best) or best.encoding
    if name not in _WESTERN:
        for match in matches:
            western = _western(match)
            if (
                western is not None
                and match.chaos <= best.chaos + _CHAOS_SLACK
                and match.coherence >= best.coherence - _COHERENCE_SLACK
            ):
                chosen, name = match, western
                break
    try:
        text = raw.decode(name)
    except (UnicodeDecodeError, LookupError):
        text = str(chosen)
    if not _readable(text):
        raise DecodeError(
            f"not UTF-8 text (undecodable byte at offset {offset}); save the file as UTF-8"
        )
    label = _NAMES.get(name, name)
    warning = (
        f"not UTF-8: read as {label} (guessed; save the file as UTF-8 if the text looks wrong)"
    )
    return Decoded(text, name, warning)
