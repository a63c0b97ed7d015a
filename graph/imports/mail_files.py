"""The headers of mail messages in the files people have: .eml, .mbox, Outlook .msg.

Only the header block of a message is ever parsed (From, To, Cc, Date, Subject, Message-ID):
bodies and attachments are not read into any structure, and nothing leaves the machine.

An mbox archive is cut at its "From " separator lines; a message whose headers name none of the
addresses or domains the caller is looking for is passed over without parsing, which is what
keeps a 20,000-message archive to a couple of seconds.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from email.header import decode_header, make_header
from email.parser import BytesHeaderParser
from email.policy import compat32
from email.utils import getaddresses, parsedate_to_datetime
from pathlib import Path
from typing import Any

from graph.imports.errors import ImportFailed
from graph.imports.sources import display_name, read_bytes, read_head
from graph.imports.values import email_key, is_email

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_MBOX_SEPARATOR = re.compile(rb"^From \S", re.M)
_HEADER_END = re.compile(rb"\r?\n\r?\n")
_HEADER_LINE = re.compile(rb"^[!-9;-~]+:", re.M)
MAX_SUBJECT = 300


@dataclass(frozen=True)
class MailHeaders:
    file: str
    number: int | None  # the message's place in an mbox (1 = first)
    message_id: str
    date: dt.datetime | None  # naive UTC
    subject: str
    sender: str  # email key
    recipients: frozenset[str]  # email keys of To and Cc
    names: dict[str, str]  # email key -> display name

    @property
    def addresses(self) -> frozenset[str]:
        return self.recipients | {self.sender} - {""}


def _decoded(value: Any) -> str:
    if value is None:
        return ""
    try:
        return str(make_header(decode_header(str(value))))
    except Exception:  # a malformed encoded word: keep it as written
        return str(value)


def _utc(value: dt.datetime | None) -> dt.datetime | None:
    if value is None:
        return None
    if value.tzinfo is None:
        return value
    return value.astimezone(dt.UTC).replace(tzinfo=None)


def _date(text: str) -> dt.datetime | None:
    try:
        return _utc(parsedate_to_datetime(text)) if text.strip() else None
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def _addresses(values: list[str]) -> list[tuple[str, str]]:
    found = []
    for name, address in getaddresses([_decoded(v) for v in values if v]):
        key = email_key(address)
        if is_email(key):
            found.append((key, name.strip().strip('"')))
    return found


def headers_of(
    file: str,
    number: int | None,
    *,
    sender: list[str],
    to: list[str],
    date: str,
    subject: str,
    message_id: str,
) -> MailHeaders:
    senders = _addresses(sender)
    recipients = _addresses(to)
    names = {k: n for k, n in senders + recipients if n}
    when = _date(date)
    subject = " ".join(_decoded(subject).split())[:MAX_SUBJECT]
    key = message_id.strip().strip("<>").strip()
    if not key:
        # No Message-ID (drafts, some exports): the same message still gets the same key.
        basis = f"{senders[:1]}|{when}|{subject}"
        key = "sha256:" + hashlib.sha256(basis.encode()).hexdigest()[:32]
    return MailHeaders(
        file,
        number,
        key,
        when,
        subject,
        senders[0][0] if senders else "",
        frozenset(k for k, _n in recipients),
        names,
    )


def _parse_block(file: str, number: int | None, block: bytes) -> MailHeaders:
    message = BytesHeaderParser(policy=compat32).parsebytes(block)
    return headers_of(
        file,
        number,
        sender=message.get_all("From", []),
        to=message.get_all("To", []) + message.get_all("Cc", []),
        date=str(message.get("Date", "") or ""),
        subject=str(message.get("Subject", "") or ""),
        message_id=str(message.get("Message-ID", "") or ""),
    )


def _header_block(data: bytes, start: int = 0, end: int | None = None) -> bytes:
    end = len(data) if end is None else end
    found = _HEADER_END.search(data, start, end)
    return data[start : found.start() if found else end]


def read_mbox(path: Path, data: bytes, wanted: Collection[bytes]) -> Iterator[MailHeaders | int]:
    """Headers of the messages naming one of ``wanted`` (lowercase bytes); the number of each
    message passed over instead."""
    name = display_name(path)
    starts = [m.start() for m in _MBOX_SEPARATOR.finditer(data)]
    for number, start in enumerate(starts, start=1):
        end = starts[number] if number < len(starts) else len(data)
        first_line = data.find(b"\n", start, end)
        block = _header_block(data, first_line + 1 if first_line >= 0 else end, end)
        lowered = block.lower()
        if wanted and not any(w in lowered for w in wanted):
            yield number
            continue
        yield _parse_block(name, number, block)


def read_eml(path: Path, data: bytes) -> MailHeaders:
    block = _header_block(data)
    if not _HEADER_LINE.match(block):
        raise ImportFailed.single(display_name(path), "this is not a mail message (.eml)")
    headers = _parse_block(display_name(path), None, block)
    if not headers.sender and not headers.recipients:
        raise ImportFailed.single(
            display_name(path), "this mail message has no From, To or Cc address"
        )
    return headers


def read_msg(path: Path) -> MailHeaders:
    """An Outlook .msg, through extract-msg (its properties, not its body)."""
    import extract_msg  # heavy: imported only when a .msg is read

    name = display_name(path)
    try:
        message = extract_msg.openMsg(str(path), delayAttachments=True)
    except Exception as exc:  # extract-msg raises many kinds for damaged files
        raise ImportFailed.single(
            name, f"this Outlook message cannot be read ({type(exc).__name__})"
        ) from None
    try:
        date = getattr(message, "date", None)
        when = date.strftime("%a, %d %b %Y %H:%M:%S %z") if isinstance(date, dt.datetime) else ""
        return headers_of(
            name,
            None,
            sender=[str(getattr(message, "sender", "") or "")],
            to=[str(getattr(message, "to", "") or ""), str(getattr(message, "cc", "") or "")],
            date=when or str(date or ""),
            subject=str(getattr(message, "subject", "") or ""),
            message_id=str(getattr(message, "messageId", "") or ""),
        )
    except ImportFailed:
        raise
    except Exception as exc:
        raise ImportFailed.single(
            name, f"this Outlook message cannot be read ({type(exc).__name__})"
        ) from None
    finally:
        message.close()


def read_mail_file(path: Path, wanted: Collection[bytes]) -> Iterator[MailHeaders | int]:
    """Every message of one file (.eml, .mbox or .msg, told by content)."""
    head = read_head(path, 8)
    if head.startswith(_OLE_MAGIC):
        yield read_msg(path)
        return
    data = read_bytes(path)
    if data.startswith(b"From "):
        yield from read_mbox(path, data, wanted)
        return
    yield read_eml(path, data)
