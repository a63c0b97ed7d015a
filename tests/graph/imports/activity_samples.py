"""Attendance reports and mail files, byte for byte as Teams, Zoom and mail programs write them."""

from __future__ import annotations

import codecs


def teams_report(extra_rows: list[str] | None = None) -> bytes:
    """Teams (2023+) attendance report: UTF-16 LE with BOM, tabs, CRLF, numbered sections,
    a narrow no-break space before AM/PM."""
    nb = "\u202f"
    lines = [
        "1. Summary",
        "Meeting title\tNorthwind weekly sync",
        "Attended participants\t4",
        f"Start time\t11/3/26, 9:58:12{nb}AM",
        f"End time\t11/3/26, 11:02:45{nb}AM",
        "Meeting duration\t1h 4m 33s",
        "Average attendance time\t48m 10s",
        "",
        "2. Participants",
        "Name\tFirst Join\tLast Leave\tIn-Meeting Duration\tEmail\tParticipant ID (UPN)\tRole",
        f"Tina Tam\t11/3/26, 9:58:12{nb}AM\t11/3/26, 11:02:45{nb}AM\t1h 4m 33s\t"
        "tina@vendor.example\ttina@vendor.example\tOrganizer",
        f"Ana Ruiz\t11/3/26, 10:01:05{nb}AM\t11/3/26, 10:55:00{nb}AM\t53m 55s\t"
        "ana.ruiz@northwind.example\tana.ruiz@northwind.example\tPresenter",
        f"Bo Li (External)\t11/3/26, 10:05:00{nb}AM\t11/3/26, 10:35:10{nb}AM\t30m 10s\t\t\t"
        "Attendee",
        f"Pat Unknown (Guest)\t11/3/26, 10:06:00{nb}AM\t11/3/26, 10:16:00{nb}AM\t10m\t\t\tAttendee",
        *(extra_rows or []),
        "",
        "3. In-Meeting Activities",
        "Name\tJoin Time\tLeave Time\tDuration\tEmail\tRole",
        f"Tina Tam\t11/3/26, 9:58:12{nb}AM\t11/3/26, 11:02:45{nb}AM\t1h 4m 33s\t"
        "tina@vendor.example\tOrganizer",
        f"Ana Ruiz\t11/3/26, 10:01:05{nb}AM\t11/3/26, 10:55:00{nb}AM\t53m 55s\t"
        "ana.ruiz@northwind.example\tPresenter",
    ]
    return codecs.BOM_UTF16_LE + "\r\n".join(lines).encode("utf-16-le") + "\r\n".encode("utf-16-le")


def teams_report_2021() -> bytes:
    """The 2021 layout: "Meeting Summary", then "Full Name ... Participant ID (UPN)"."""
    lines = [
        "Meeting Summary",
        "Total Number of Participants\t2",
        "Meeting Title\tNorthwind QBR",
        "Meeting Start Time\t9/14/2026, 2:00:00 PM",
        "Meeting End Time\t9/14/2026, 3:00:30 PM",
        "",
        "Full Name\tJoin Time\tLeave Time\tDuration\tEmail\tRole\tParticipant ID (UPN)",
        "Tina Tam\t9/14/2026, 2:00:00 PM\t9/14/2026, 3:00:30 PM\t1h 30s\ttina@vendor.example\t"
        "Organizer\ttina@vendor.example",
        "Ana Ruiz\t9/14/2026, 2:02:00 PM\t9/14/2026, 2:59:00 PM\t57m\tana.ruiz@northwind.example\t"
        "Attendee\tana.ruiz@northwind.example",
    ]
    return codecs.BOM_UTF16_LE + "\r\n".join(lines).encode("utf-16-le")


def zoom_report() -> bytes:
    """Zoom participants report "with meeting data": UTF-8 with BOM, a summary block, a blank
    line, then one row per join (Ana rejoined)."""
    lines = [
        "Meeting ID,Topic,Start Time,End Time,User Email,Duration (Minutes),Participants",
        "857 4635 2419,Northwind platform review,11/05/2026 03:00:04 PM,11/05/2026 04:01:10 PM,"
        "tina@vendor.example,62,4",
        "",
        "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest,"
        "Recording Consent,In Waiting Room",
        "Tina Tam,tina@vendor.example,11/05/2026 03:00:04 PM,11/05/2026 04:01:10 PM,62,No,,No",
        "Ana (Ana Ruiz),ana.ruiz@northwind.example,11/05/2026 03:01:00 PM,"
        "11/05/2026 03:30:00 PM,29,Yes,,No",
        "Ana (Ana Ruiz),ana.ruiz@northwind.example,11/05/2026 03:35:00 PM,"
        "11/05/2026 04:00:00 PM,25,Yes,,No",
        "Bo Li,,11/05/2026 03:02:00 PM,11/05/2026 03:50:00 PM,48,Yes,,No",
        "iPhone,,11/05/2026 03:10:00 PM,11/05/2026 03:20:00 PM,10,Yes,,No",
    ]
    return b"\xef\xbb\xbf" + "\r\n".join(lines).encode("utf-8") + b"\r\n"


def eml(
    message_id: str = "<CAF=abc123@mail.gmail.com>",
    sender: str = "Tina Tam <tina@vendor.example>",
    to: str = "Ana Ruiz <ana.ruiz@northwind.example>",
    cc: str = "",
    date: str = "Tue, 03 Nov 2026 14:05:09 +0100",
    subject: str = "=?UTF-8?Q?Renewal_=E2=80=94_next_steps?=",
    body: str = "Hi Ana,\r\nsecret pricing inside.\r\n",
) -> bytes:
    headers = [
        "Return-Path: <tina@vendor.example>",
        "Received: from mail.vendor.example (mail.vendor.example [203.0.113.5])\r\n"
        "\tby mx.northwind.example with ESMTPS id 4f9a; Tue, 03 Nov 2026 13:05:10 +0000",
        "MIME-Version: 1.0",
        f"Date: {date}",
        f"Message-ID: {message_id}" if message_id else "",
        f"Subject: {subject}",
        f"From: {sender}",
        f"To: {to}",
        f"Cc: {cc}" if cc else "",
        'Content-Type: text/plain; charset="UTF-8"',
    ]
    return ("\r\n".join(h for h in headers if h) + "\r\n\r\n" + body).encode("utf-8")


def mbox(messages: list[bytes]) -> bytes:
    """Thunderbird's mbox: a "From " line before each message, bodies ">From "-quoted."""
    parts = []
    for message in messages:
        text = message.replace(b"\r\n", b"\n").replace(b"\nFrom ", b"\n>From ")
        parts.append(b"From - Tue Nov  3 14:05:09 2026\n" + text + b"\n")
    return b"".join(parts)


def busy_mailbox(messages: int, people: int = 50) -> bytes:
    """A big mbox of ``messages``: three in ten to one of the account's ``people``
    (``p<n>@northwind.example``), the rest to strangers, spread over one day."""
    return mbox(
        [
            eml(
                f"<{i}@vendor.example>",
                to=f"p{i % people}@northwind.example" if i % 10 < 3 else f"x{i}@else.example",
                date=f"Tue, 03 Nov 2026 {i % 24:02d}:{i % 60:02d}:00 +0000",
                subject=f"Message {i}",
                body="Hello, see the figures below.\r\n" * 20,
            )
            for i in range(messages)
        ]
    )
