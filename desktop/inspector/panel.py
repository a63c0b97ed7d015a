"""The inspector: every field of what is selected, edited in place with undo.

One selected person, team member, relationship or coverage link shows its form; nothing
selected shows the account itself. Each edit is one undo step; a refused value shows the
workspace's message under the field it names and stays there until fixed.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QPushButton, QScrollArea, QStackedWidget, QVBoxLayout, QWidget

from desktop.common import labels
from desktop.inspector.fields import FieldSpec, RecordForm, attitude_choices
from desktop.inspector.room import PANEL_MIN_WIDTH
from desktop.shell.empty_state import EmptyState
from desktop.workspace import edits
from desktop.workspace.selection import parse_key
from desktop.workspace.session import WorkspaceSession
from graph import schema as s
from graph import titles
from graph.errors import NotFoundError, RapportError, ValidationError
from graph.events import ChangeSet
from graph.vocabulary import (
    Channel,
    CoverageKind,
    DealRole,
    Health,
    Level,
    PersonStatus,
    Phase,
    RelationKind,
    RelationshipLevel,
    TeamRole,
)

MANAGER = "_manager"
SUGGESTED = "_suggested"

PERSON_FIELDS = (
    FieldSpec("name", "Name"),
    FieldSpec("title", "Title", placeholder="e.g. VP Infrastructure"),
    FieldSpec("department", "Department"),
    FieldSpec(MANAGER, "Reports to", "choice", tooltip="Their manager in the customer's org chart"),
    FieldSpec("level", "Level", "enum", Level),
    FieldSpec("role", "Role in the deal", "enum", DealRole),
    FieldSpec(SUGGESTED, "Title suggests", "info",
              tooltip="Level and role the title suggests (graph.titles); set them above to agree"),
    FieldSpec("influence", "Influence", "int", minimum=1, maximum=5,
              tooltip="Power over the decision: 1 (low) to 5 (high)"),
    FieldSpec("attitude", "Attitude", "choice", tooltip="How they see us and the project"),
    FieldSpec("interest", "Interest", "int", minimum=1, maximum=5,
              tooltip="Interest in the project: 1 (low) to 5 (high)"),
    FieldSpec("cares_about", "Cares about", "tags", placeholder="uptime, ROI, security",
              tooltip="Tags, separated by commas"),
    FieldSpec("email", "Email", placeholder="name@example.com"),
    FieldSpec("phone", "Phone"),
    FieldSpec("channel", "Preferred channel", "enum", Channel),
    FieldSpec("cadence_days", "Target cadence", "int", minimum=0, maximum=3650,
              unset="Role default", suffix=" days",
              tooltip="Days between contacts; 'Role default' follows the role's cadence"),
    FieldSpec("status", "Status", "enum", PersonStatus),
    FieldSpec("joined_on", "Joined on", "date", placeholder="YYYY-MM-DD"),
    FieldSpec("left_on", "Left on", "date", placeholder="YYYY-MM-DD"),
    FieldSpec("notes", "Notes", "long"),
)  # fmt: skip

PERSON_SIGNALS = (
    FieldSpec("_last_contact", "Last contact", "info"),
    FieldSpec("_cadence", "Cadence", "info"),
    FieldSpec("_coverage", "Coverage", "info"),
    FieldSpec("_owners", "Covered by", "info"),
)

MEMBER_FIELDS = (
    FieldSpec("name", "Name"),
    FieldSpec("role", "Role", "enum", TeamRole),
    FieldSpec("email", "Email", placeholder="name@ourcompany.com"),
    FieldSpec("active", "On the team", "bool", placeholder="Active"),
)

RELATIONSHIP_FIELDS = (
    FieldSpec("kind", "Kind", "enum", RelationKind),
    FieldSpec("strength", "Strength", "int", minimum=1, maximum=3,
              tooltip="How strongly the influence works: 1 (some) to 3 (decisive)"),
    FieldSpec("notes", "Notes", "long"),
)  # fmt: skip

COVERAGE_FIELDS = (
    FieldSpec("kind", "Kind", "enum", CoverageKind, tooltip="Owns: the main relationship"),
    FieldSpec("current_level", "Current level", "enum", RelationshipLevel),
    FieldSpec("desired_level", "Desired level", "enum", RelationshipLevel),
    FieldSpec("notes", "Notes", "long"),
)

ACCOUNT_FIELDS = (
    FieldSpec("name", "Name"),
    FieldSpec("industry", "Industry"),
    FieldSpec("segment", "Segment"),
    FieldSpec("arr", "ARR", "money", tooltip="Annual recurring revenue"),
    FieldSpec("currency", "Currency", placeholder="USD"),
    FieldSpec("renewal_date", "Renewal date", "date", placeholder="YYYY-MM-DD"),
    FieldSpec("phase", "Phase", "enum", Phase),
    FieldSpec("it_maturity", "IT maturity", "int", minimum=0, maximum=5, unset="Not assessed"),
    FieldSpec("security_maturity", "Security maturity", "int", minimum=0, maximum=5,
              unset="Not assessed"),
    FieldSpec("health_override", "Health", "choice",
              tooltip="Computed from the signals, unless you set it by hand"),
    FieldSpec("health_override_reason", "Why set by hand"),
    FieldSpec("scope", "Scope", "long"),
    FieldSpec("notes", "Notes", "long"),
)  # fmt: skip

_TABLE_OF = {
    s.Person: "people",
    s.TeamMember: "team_members",
    s.Relationship: "relationships",
    s.Coverage: "coverage",
    s.Account: "accounts",
}


def _scrolled(widget: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidget(widget)
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    return area


class Inspector(QWidget):
    """``message`` carries a line for the status bar."""

    message = Signal(str)

    def __init__(self, session: WorkspaceSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._shown: tuple[type[s.Base], int] | None = None
        self._record: s.Base | None = None  # the record on show, as last read
        self.person = RecordForm("Person", PERSON_FIELDS)
        self.person.add_section("Contact signals")
        for spec in PERSON_SIGNALS:
            self.person.add_field(spec)
        self.person.fields["attitude"].set_choices(attitude_choices())
        self.member = RecordForm("Team member", MEMBER_FIELDS)
        self.relationship = RecordForm("Relationship", RELATIONSHIP_FIELDS)
        self.coverage = RecordForm("Coverage", COVERAGE_FIELDS)
        self.account = RecordForm("Account", ACCOUNT_FIELDS)
        self.account.add_section("Signals")
        self.account.add_field(FieldSpec("_health", "Computed health", "info"))
        self.account.add_field(FieldSpec("_flags", "Risks", "info"))
        self.account.fields["health_override"].set_choices(
            [("Computed", None)]
            + [(f"{h.label} (set by hand)", h) for h in Health if h is not Health.NOT_ENOUGH_DATA]
        )
        self.nothing = EmptyState("Nothing to inspect", "Open or add an account to begin.")
        self.several = EmptyState("Several items selected", "Select one item to edit it.")
        self.forms: dict[type[s.Base], RecordForm] = {
            s.Person: self.person,
            s.TeamMember: self.member,
            s.Relationship: self.relationship,
            s.Coverage: self.coverage,
            s.Account: self.account,
        }
        self.pages = QStackedWidget()
        self._pages: dict[QWidget, QWidget] = {}
        for widget in (*self.forms.values(), self.nothing, self.several):
            page = _scrolled(widget) if isinstance(widget, RecordForm) else widget
            self._pages[widget] = page
            self.pages.addWidget(page)
        for form in self.forms.values():
            form.committed.connect(self._commit)
        self.history = QPushButton("History…")
        self.history.setToolTip("Every change to this person: when, who, what, old and new value")
        self.history.clicked.connect(self.show_history)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)
        layout.addWidget(self.history)
        self.setMinimumWidth(PANEL_MIN_WIDTH)

        session.selection.changed.connect(lambda _nodes: self.show_selection())
        session.account_changed.connect(lambda _account: self.show_selection())
        session.signals.changed.connect(self._on_changed)
        self.show_selection()

    def set_read_only(self, reason: str | None) -> None:
        """A viewer's replica: the fields show, greyed, and say ``reason``; None: editable."""
        for form in self.forms.values():
            form.setEnabled(reason is None)
            form.setToolTip(reason or "")

    # --- what to show -------------------------------------------------------------------------

    def show_selection(self) -> None:
        nodes = self._session.selection.nodes()
        kinds: dict[str, type[s.Base]] = {
            "person": s.Person,
            "member": s.TeamMember,
            "relationship": s.Relationship,
            "coverage": s.Coverage,
        }
        if len(nodes) > 1:
            self.several.title.setText(f"{len(nodes)} items selected")
            self._show_page(self.several, None)
        elif nodes:
            kind, key = parse_key(nodes[0])
            self._show_record(kinds[kind], key)
        elif self._session.account_id is not None:
            self._show_record(s.Account, self._session.account_id)
        else:
            self._show_page(self.nothing, None)

    def _show_page(self, widget: QWidget, shown: tuple[type[s.Base], int] | None) -> None:
        if shown != self._shown:
            for form in self.forms.values():
                form.clear_errors()
        self._shown = shown
        self._record = None
        self.pages.setCurrentWidget(self._pages[widget])
        self.history.setVisible(shown is not None and shown[0] is s.Person)

    def show_history(self) -> None:
        """The person on show's history, in a window of its own."""
        if self._shown is None or self._shown[0] is not s.Person:
            return
        from desktop.history.history_dialog import person_history_dialog

        dialog = person_history_dialog(self, self._session.ws, self._shown[1])
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def _show_record(self, cls: type[s.Base], key: int) -> None:
        try:
            record = self._session.ws.get(cls, key)
        except NotFoundError:
            self._show_page(self.nothing, None)
            return
        form = self.forms[cls]
        self._show_page(form, (cls, key))
        self._record = record
        self._fill(form, record)

    def _on_changed(self, changes: ChangeSet) -> None:
        if self._shown is None:
            return
        cls, _key = self._shown
        watched = {_TABLE_OF[cls], "people", "team_members", "interactions", "coverage"}
        if changes.tables & watched:
            self.show_selection()

    def focus_first_field(self) -> None:
        """Put the cursor in the first field of the form on show (after "Edit" on the map)."""
        if self._shown is None:
            return
        form = self.forms[self._shown[0]]
        editor = next(iter(form.fields.values())).editor
        editor.setFocus(Qt.FocusReason.OtherFocusReason)
        select_all = getattr(editor, "selectAll", None)
        if select_all is not None:
            select_all()

    # --- filling the forms --------------------------------------------------------------------

    def _fill(self, form: RecordForm, record: s.Base) -> None:
        values: dict[str, Any] = record.values()
        if isinstance(record, s.Person):
            values |= self._person_extras(record)
            form.heading.setText(record.name)
            form.subtitle.setText(" · ".join(t for t in (record.title, record.department) if t))
        elif isinstance(record, s.TeamMember):
            form.heading.setText(record.name)
            form.subtitle.setText(f"Our team · {record.role.label}")
        elif isinstance(record, s.Relationship):
            form.heading.setText(self._describe_relationship(record))
            form.subtitle.setText("Relationship between two customer people")
            form.fields["strength"].setEnabled(record.kind is RelationKind.INFLUENCES)
        elif isinstance(record, s.Coverage):
            ws = self._session.ws
            member, person = (
                ws.get(s.TeamMember, record.member_id),
                ws.get(s.Person, record.person_id),
            )
            form.heading.setText(f"{member.name} {record.kind.value} {person.name}")
            form.subtitle.setText(f"{member.role.label} on our side · {person.title or 'customer'}")
        elif isinstance(record, s.Account):
            values |= self._account_extras(record)
            form.heading.setText(record.name)
            form.subtitle.setText(
                " · ".join(t for t in (record.industry, record.phase.label) if t)
                + (" · archived" if record.archived else "")
            )
        form.load(values)

    def _person_extras(self, person: s.Person) -> dict[str, Any]:
        ws = self._session.ws
        others = [p for p in ws.people(person.account_id) if p.id != person.id]
        self.person.fields[MANAGER].set_choices(
            [("Nobody", None)] + [(p.name, p.id) for p in sorted(others, key=lambda p: p.name)]
        )
        lines = ws.find(s.Relationship, kind=RelationKind.REPORTS_TO, source_id=person.id)
        extras: dict[str, Any] = {MANAGER: lines[0].target_id if lines else None}
        offered = titles.offer(person.title, person.level, person.role)
        extras[SUGGESTED] = titles.describe(offered) if offered else "Nothing else"
        signals = self._session.analysis.account(person.account_id)
        sig = signals.people.get(person.id) if signals is not None else None
        if sig is None:
            return extras | {k.name: None for k in PERSON_SIGNALS}
        names = {m.id: m.name for m in ws.team()}
        status = sig.cadence_status.value.capitalize()
        last = "Never contacted"
        if sig.last_contact:
            last = f"{labels.day(sig.last_contact)} ({labels.ago(sig.days_since_contact)})"
        return extras | {
            "_last_contact": last,
            "_cadence": f"{status}: every {sig.cadence.ideal_days} days, "
            f"overdue after {sig.cadence.max_days}",
            "_coverage": sig.coverage.label,
            "_owners": ", ".join(names.get(m, "?") for m in sig.owners) or "Nobody on our team",
        }

    def _account_extras(self, account: s.Account) -> dict[str, Any]:
        signals = self._session.analysis.account(account.id)
        if signals is None:
            return {"_health": None, "_flags": None}
        flags = "\n".join(f"• {f.message}" for f in signals.flags) or "None"
        return {
            "_health": f"{signals.health_label}, {signals.overdue} overdue, {signals.due} due",
            "_flags": flags,
        }

    def _describe_relationship(self, r: s.Relationship) -> str:
        ws = self._session.ws
        source, target = ws.get(s.Person, r.source_id).name, ws.get(s.Person, r.target_id).name
        verbs = {
            RelationKind.REPORTS_TO: "reports to",
            RelationKind.INFLUENCES: "influences",
            RelationKind.ALLY: "and",
            RelationKind.CONFLICT: "and",
        }
        suffix = {RelationKind.ALLY: " are allies", RelationKind.CONFLICT: " are in conflict"}
        return f"{source} {verbs[r.kind]} {target}{suffix.get(r.kind, '')}"

    # --- editing ------------------------------------------------------------------------------

    def _name_taken(self, name: object) -> bool:
        wanted = str(name).strip().casefold()
        accounts = self._session.ws.accounts(include_archived=True)
        return any(
            a.name.casefold() == wanted and a.id != self._session.account_id for a in accounts
        )

    def _commit(self, name: str, value: object) -> None:
        if self._shown is None:
            return
        cls, key = self._shown
        form = self.forms[cls]
        ws = self._session.ws
        try:
            # The form shows the record as last read (it is read again after every change).
            record = self._record if self._record is not None else ws.get(cls, key)
            if name == MANAGER:
                assert isinstance(record, s.Person)
                operation = edits.set_manager(record, value)  # type: ignore[arg-type]
            else:
                if getattr(record, name) == value:
                    form.clear_error(name)
                    return
                if isinstance(record, s.Account) and name == "name" and self._name_taken(value):
                    form.show_error(name, f"An account named {value} already exists.")
                    return
                spec = next(f for f in form.fields.values() if f.spec.name == name).spec
                operation = edits.edit(record, name, value, spec.label.lower())
            self._session.run(operation)
        except ValidationError as exc:
            target = exc.field if exc.field in form.fields else name
            form.show_error(target, edits.message_of(exc, detail=True))
            self.message.emit(edits.message_of(exc))
        except RapportError as exc:
            form.show_error(name, edits.message_of(exc))
        else:
            form.clear_error(name)
