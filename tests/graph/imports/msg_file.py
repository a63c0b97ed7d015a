"""Outlook .msg files for tests: a real compound file (MS-CFB version 3) with the MAPI streams
Outlook writes for a received message (MS-OXMSG): message class, subject, sender, display To and
Cc, Internet Message-ID, the transport headers, the submit time and one recipient storage.

Written from the specifications so the tests need no Outlook: every stream is under the 4 KB
cut-off, so all of them live in the mini stream, as in a small real message.
"""

from __future__ import annotations

import datetime as dt
import struct

_FREE, _END, _FAT, _NONE = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
_SECTOR, _MINI = 512, 64


def _utf16(text: str) -> bytes:
    return text.encode("utf-16-le")


def _filetime(when: dt.datetime) -> int:
    return int((when - dt.datetime(1601, 1, 1, tzinfo=dt.UTC)).total_seconds() * 10_000_000)


class _Entry:
    def __init__(self, name: str, kind: int, data: bytes = b"") -> None:
        self.name, self.kind, self.data = name, kind, data
        self.children: list[_Entry] = []
        self.index = 0
        self.start = _END
        self.left = self.right = self.child = _NONE


def _order(entry: _Entry) -> tuple[int, str]:
    return len(entry.name), entry.name.upper()


def _tree(entries: list[_Entry]) -> int:
    """A balanced binary tree of siblings in CFB order (all black, as many writers do)."""
    if not entries:
        return _NONE
    entries = sorted(entries, key=_order)
    middle = len(entries) // 2
    root = entries[middle]
    root.left = _tree(entries[:middle])
    root.right = _tree(entries[middle + 1 :])
    return root.index


def compound_file(streams: dict[str, bytes]) -> bytes:
    """``{"storage/stream": data}`` -> the bytes of a compound file."""
    root = _Entry("Root Entry", 5)
    storages: dict[str, _Entry] = {"": root}
    for path in streams:
        parts = path.split("/")
        for depth in range(1, len(parts)):
            key = "/".join(parts[:depth])
            if key not in storages:
                storage = _Entry(parts[depth - 1], 1)
                storages["/".join(parts[: depth - 1])].children.append(storage)
                storages[key] = storage
        storages["/".join(parts[:-1])].children.append(_Entry(parts[-1], 2, streams[path]))
    ordered: list[_Entry] = []

    def walk(entry: _Entry) -> None:
        entry.index = len(ordered)
        ordered.append(entry)
        for child in entry.children:
            walk(child)

    walk(root)
    for entry in ordered:
        entry.child = _tree(entry.children)
    mini = bytearray()
    mini_fat: list[int] = []
    for entry in ordered:
        if entry.kind != 2 or not entry.data:
            continue
        assert len(entry.data) < 4096
        entry.start = len(mini) // _MINI
        count = -(-len(entry.data) // _MINI)
        mini_fat += [entry.start + i + 1 for i in range(count - 1)] + [_END]
        mini += entry.data + b"\x00" * (count * _MINI - len(entry.data))
    directory = bytearray()
    for entry in ordered:
        name = _utf16(entry.name) + b"\x00\x00"
        size = len(mini) if entry is root else len(entry.data)
        directory += struct.pack(
            "<64sHBBIII16sIQQIQ",
            name,
            len(name),
            entry.kind,
            1,
            entry.left,
            entry.right,
            entry.child,
            b"\x00" * 16,
            0,
            0,
            0,
            entry.start,
            size,
        )
    directory += b"\x00" * (-len(directory) % _SECTOR)
    mini_fat_bytes = struct.pack(f"<{len(mini_fat)}I", *mini_fat)
    mini_fat_bytes += b"\xff" * (-len(mini_fat_bytes) % _SECTOR)
    mini += b"\x00" * (-len(mini) % _SECTOR)
    dir_n = len(directory) // _SECTOR
    minifat_n = len(mini_fat_bytes) // _SECTOR
    mini_n = len(mini) // _SECTOR
    fat_n = 1
    while fat_n * 128 < fat_n + dir_n + minifat_n + mini_n:
        fat_n += 1
    fat: list[int] = [_FAT] * fat_n

    def chain(count: int) -> int:
        first = len(fat)
        fat.extend(first + i + 1 for i in range(count - 1))
        fat.append(_END)
        return first

    dir_start = chain(dir_n)
    minifat_start = chain(minifat_n) if minifat_n else _END
    mini_start = chain(mini_n) if mini_n else _END
    root.start = mini_start
    # the root entry's start sector changed: rewrite its directory record
    struct.pack_into("<I", directory, 116, mini_start)
    fat += [_FREE] * (fat_n * 128 - len(fat))
    difat = list(range(fat_n)) + [_FREE] * (109 - fat_n)
    header = struct.pack(
        "<8s16sHHHHH6sIIIIIIIII",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        b"\x00" * 16,
        0x3E,
        3,
        0xFFFE,
        9,
        6,
        b"\x00" * 6,
        0,
        fat_n,
        dir_start,
        0,
        4096,
        minifat_start,
        minifat_n,
        _END,
        0,
    ) + struct.pack("<109I", *difat)
    return (
        header
        + struct.pack(f"<{len(fat)}I", *fat)
        + bytes(directory)
        + mini_fat_bytes
        + bytes(mini)
    )


def _text_stream(tag: int) -> str:
    return f"__substg1.0_{tag:04X}001F"


def outlook_msg(
    *,
    subject: str,
    sender: tuple[str, str],
    to: list[tuple[str, str]],
    cc: list[tuple[str, str]],
    sent: dt.datetime,
    message_id: str,
) -> bytes:
    """A received message as Outlook saves it with File > Save As > Outlook Message Format."""
    people = ", ".join(f"{n} <{a}>" for n, a in to)
    copied = ", ".join(f"{n} <{a}>" for n, a in cc)
    stamp = f"{sent:%a, %d %b %Y %H:%M:%S %z}"
    headers = (
        f"Received: from mail.vendor.example by mx.northwind.example; {stamp}\r\n"
        f"From: {sender[0]} <{sender[1]}>\r\n"
        f"To: {people}\r\n" + (f"Cc: {copied}\r\n" if cc else "") + f"Subject: {subject}\r\n"
        f"Date: {stamp}\r\n"
        f"Message-ID: {message_id}\r\n"
        "MIME-Version: 1.0\r\n"
        'Content-Type: text/plain; charset="utf-8"\r\n\r\n'
    )
    submitted = struct.pack("<IIQ", 0x00390040, 6, _filetime(sent))
    top = struct.pack("<8sIIII8s", b"\x00" * 8, len(to) + len(cc), 0, len(to) + len(cc), 0, b"")
    streams = {
        _text_stream(0x001A): _utf16("IPM.Note"),
        _text_stream(0x0037): _utf16(subject),
        _text_stream(0x0C1A): _utf16(sender[0]),
        _text_stream(0x0C1F): _utf16(sender[1]),
        _text_stream(0x0E04): _utf16("; ".join(n for n, _a in to)),
        _text_stream(0x0E03): _utf16("; ".join(n for n, _a in cc)),
        _text_stream(0x1035): _utf16(message_id),
        _text_stream(0x007D): _utf16(headers),
        _text_stream(0x1000): _utf16("The body: never read by Rapport."),
        "__properties_version1.0": top + submitted,
    }
    for i, (name, address) in enumerate(to + cc):
        storage = f"__recip_version1.0_#{i:08X}"
        kind = 1 if i < len(to) else 2
        streams[f"{storage}/{_text_stream(0x3001)}"] = _utf16(name)
        streams[f"{storage}/{_text_stream(0x39FE)}"] = _utf16(address)
        streams[f"{storage}/__properties_version1.0"] = b"\x00" * 8 + struct.pack(
            "<IIQ", 0x0C150003, 6, kind
        )
    return compound_file(streams)
