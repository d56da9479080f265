"""The summary at the top of a child's case record: where the case stands (open referral, child
in need plan, child protection plan), who holds it, what is due and overdue, when the child was
last seen (and seen alone), the latest management decision and the supervision directions still
open.

It reads across the apps that hold those facts in one statement whatever the size of the
case, a UNION of small indexed lookups by the child: the current plan, the open referral, the
open allocation with its team and worker, the last visit of each kind, the next meeting, the
manager of the team holding the case, the latest management decision, child protection's plan
and enquiry waiting for conference, the open directions, and the warnings and other names the
page shows too. Child protection's own selector turns its plan and enquiry into its summary of
the child. Due dates are the ones the clock stored when each step started; nothing here
computes a deadline.
"""

import datetime
import uuid
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import Model
from django.urls import reverse

from casework.accounts.models import Role, Team, User
from casework.cases.access import in_holding_team
from casework.cases.models import Allocation, Episode, ReferralSource
from casework.people.models import Person, PersonName, PersonWarning


@dataclass(frozen=True)
class LastSeen:
    on: datetime.date
    alone: bool | None
    kind: str


@dataclass(frozen=True)
class Due:
    what: str
    on: datetime.date
    url: str

    def is_overdue(self, today: datetime.date) -> bool:
        return self.on < today


@dataclass(frozen=True)
class OpenReferral:
    id: Any
    referral_date: datetime.date
    source: str
    assessment_target: datetime.date


@dataclass(frozen=True)
class LatestDecision:
    """The newest management decision about the child, as the summary shows it."""

    pk: uuid.UUID
    decision_label: str
    decided_at: datetime.datetime
    decided_by_name: str


@dataclass(frozen=True)
class CaseSummary:
    status: str
    status_url: str
    allocation: Allocation | None
    manager_name: str
    referral: OpenReferral | None
    due: list[Due]
    last_seen: LastSeen | None
    latest_decision: LatestDecision | None
    open_directions: list[Any]
    protection: Any  # casework.protection.selectors.PersonProtection
    # What every tab shows above the name and the summary tab in "Who they are", read in the
    # same statement so that the summary tab need not ask for them again.
    warnings: list[Any]
    other_names: list[Any]
    today: datetime.date
    overdue: list[Due] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "overdue", [d for d in self.due if d.is_overdue(self.today)])


def _text(column: str, table: str = "t") -> str:
    """A column as text: the parts of a UNION must agree on their types."""
    return f"CAST({table}.{column} AS TEXT)"


def _flag(expression: str, *, nullable: bool = True) -> str:
    """A true/false (or unknown) value as '1', '0' or NULL, the same on SQLite and PostgreSQL."""
    unknown = f"WHEN {expression} IS NULL THEN NULL " if nullable else ""
    return f"CASE {unknown}WHEN {expression} THEN '1' ELSE '0' END"


@dataclass(frozen=True)
class _Part:
    """The first row (or the first `limit` rows, or every row when `limit` is None) of one
    record about the child: `columns` (SQL on the table `t` and any table in `join`, with
    `column_params`) named `names` and read back as `kinds`, one letter each: u(uid),
    n(umber), d(ate), i(nstant), b(oolean) or t(ext); `child` picks the child's rows (its one
    parameter is the child's id), `condition` and `order` narrow and sort them."""

    prefix: str
    model: type[Model]
    names: tuple[str, ...]
    kinds: str
    columns: tuple[str, ...]
    condition: str = ""
    condition_params: tuple[Any, ...] = ()
    order: str = ""
    column_params: tuple[Any, ...] = ()
    join: str = ""
    child: str = "t.person_id = %s"
    limit: int | None = 1

    @classmethod
    def of_fields(
        cls,
        prefix: str,
        model: type[Model],
        fields: tuple[str, ...],
        kinds: str,
        *rest: Any,
        **named: Any,
    ) -> "_Part":
        """A part whose columns are the table's own fields, read back under their names."""
        return cls(prefix, model, fields, kinds, tuple(_text(c) for c in fields), *rest, **named)


# What the summary and child protection's section of the page show of each, read as model
# instances with only these fields (any other is loaded if asked for, as with `only()`).
CP_PLAN_FIELDS = (
    "id",
    "started_on",
    "latest_category",
    "next_review_due",
    "next_core_group_due",
    "next_visit_due",
)
SECTION47_FIELDS = ("id", "started_on", "icpc_target")
# The open allocation, with its team's name and its worker's names: all the page shows of them.
ALLOCATION_FIELDS = (
    "id",
    "team_id",
    "worker_id",
    "started_on",
    "team_name",
    "worker_first_name",
    "worker_last_name",
    "worker_username",
)
DIRECTION_FIELDS = ("id", "direction", "due_on")
WARNING_FIELDS = ("id", "kind", "detail")
OTHER_NAME_FIELDS = ("id", "kind", "given_name", "family_name")
OPEN_DIRECTIONS_SHOWN = 5


def _parts(today: datetime.date) -> list[_Part]:
    from casework.assessments.models import Assessment
    from casework.meetings.models import Meeting
    from casework.oversight.models import CaseDirection, ManagementDecision
    from casework.plans.models import CINPlan, Visit
    from casework.protection.models import ChildProtectionPlan, CPVisit, Section47

    # The table names are the models' own, not input.
    assessments = Assessment._meta.db_table
    allocations = Allocation._meta.db_table
    users = User._meta.db_table
    teams = Team._meta.db_table
    names = ("first_name", "last_name", "username")
    authorised = (
        f"EXISTS (SELECT 1 FROM {assessments} a WHERE a.episode_id = t.id AND a.status = %s)"  # noqa: S608
    )
    newest_visit = "t.visited_on DESC, t.created_at DESC"
    newest_started = "t.started_on DESC, t.created_at DESC"
    return [
        _Part(
            "cin",
            CINPlan,
            ("pk", "status", "next_review_due", "next_visit_due"),
            "utdd",
            tuple(_text(c) for c in ("id", "status", "next_review_due", "next_visit_due")),
            "t.status <> %s",
            (CINPlan.Status.ENDED,),
        ),
        _Part(
            "episode",
            Episode,
            (
                "pk",
                "referral_date",
                "referral_source",
                "assessment_target",
                "assessment_authorised",
            ),
            "udtdb",
            (
                *(
                    _text(c)
                    for c in ("id", "referral_date", "referral_source", "assessment_target")
                ),
                _flag(authorised, nullable=False),
            ),
            "t.status = %s",
            (Episode.Status.OPEN,),
            column_params=(Assessment.Status.AUTHORISED,),
        ),
        _Part(
            "seen",
            Visit,
            ("visited_on", "seen_alone"),
            "db",
            (_text("visited_on"), _flag("t.seen_alone")),
            "t.child_seen",
            order=newest_visit,
        ),
        _Part(
            "cp_seen",
            CPVisit,
            ("visited_on", "seen_alone"),
            "db",
            (_text("visited_on"), _flag("t.seen_alone")),
            "t.child_seen",
            order=newest_visit,
        ),
        _Part(
            "meeting",
            Meeting,
            ("pk", "held_on", "kind"),
            "udt",
            (_text("id"), _text("held_on"), _text("kind")),
            "t.status = %s AND t.held_on >= %s",
            (Meeting.Status.DRAFT, connection.ops.adapt_datefield_value(today)),
            "t.held_on, t.starts_at",
        ),
        _Part(
            "allocation",
            Allocation,
            ALLOCATION_FIELDS,
            "uundtttt",
            (
                *(_text(c) for c in ("id", "team_id", "worker_id", "started_on")),
                _text("name", "tm"),
                *(_text(c, "w") for c in names),
            ),
            "t.ended_on IS NULL",
            join=(
                f"JOIN {teams} tm ON tm.id = t.team_id LEFT JOIN {users} w ON w.id = t.worker_id"
            ),
        ),
        # The manager of the team holding the case (there is at most one open allocation).
        _Part.of_fields(
            "manager",
            User,
            names,
            "ttt",
            "t.role = %s AND t.is_active",
            (Role.TEAM_MANAGER,),
            "t.last_name, t.first_name",
            child=(
                f"t.team_id = (SELECT a.team_id FROM {allocations} a "  # noqa: S608
                "WHERE a.person_id = %s AND a.ended_on IS NULL)"
            ),
        ),
        _Part(
            "decision",
            ManagementDecision,
            ("pk", "decision_label", "decided_at", *names),
            "utittt",
            (
                *(_text(c) for c in ("id", "decision_label", "decided_at")),
                *(_text(c, "u") for c in names),
            ),
            order="t.decided_at DESC",
            join=f"JOIN {users} u ON u.id = t.decided_by_id",
        ),
        # Child protection's plan and enquiry, as `protection.selectors.summary_for` reads them.
        _Part.of_fields(
            "cp",
            ChildProtectionPlan,
            CP_PLAN_FIELDS,
            "udtddd",
            "t.status = %s",
            (ChildProtectionPlan.Status.ACTIVE,),
            newest_started,
        ),
        _Part.of_fields(
            "s47",
            Section47,
            SECTION47_FIELDS,
            "udd",
            "t.awaiting_icpc",
            order=newest_started,
        ),
        _Part.of_fields(
            "directions",
            CaseDirection,
            DIRECTION_FIELDS,
            "utd",
            "t.done_on IS NULL",
            order="t.due_on",
            limit=OPEN_DIRECTIONS_SHOWN,
        ),
        # As `people.selectors.active_warnings` and `person.other_names` read them.
        _Part.of_fields(
            "warnings",
            PersonWarning,
            WARNING_FIELDS,
            "utt",
            "t.ended_on IS NULL",
            limit=None,
        ),
        _Part.of_fields(
            "other_names",
            PersonName,
            OTHER_NAME_FIELDS,
            "uttt",
            limit=None,
        ),
    ]


def _read(kind: str, value: str | None) -> Any:
    if value is None:
        return None
    if kind == "u":
        return uuid.UUID(value)
    if kind == "n":
        return int(value)
    if kind == "d":
        return datetime.date.fromisoformat(value)
    if kind == "i":
        # PostgreSQL writes the offset (the connection is in UTC); SQLite keeps UTC without one.
        instant = datetime.datetime.fromisoformat(value)
        return instant if instant.tzinfo else instant.replace(tzinfo=datetime.UTC)
    if kind == "b":
        return value == "1"
    return value


def _facts(person: Person, today: datetime.date) -> dict[str, Any]:
    """Every fact the summary needs, in one statement: a UNION of the first row of each record
    they come from (see `_parts`), or of its first rows for the open directions, warnings and
    other names, each an indexed lookup by the child. A part of one row gives
    `<prefix>_<name>` facts; a part of more gives `<prefix>`, a list of rows, each a dict by
    name, in no particular order.

    It is SQL rather than the ORM because the ORM can neither slice the parts of a UNION on
    SQLite nor compile twenty correlated subqueries quickly, and separate queries cost a round
    trip each: written any of those ways, the summary spent most of its time outside the
    database. Table and column names come from the models and the code; every value is a
    parameter."""
    parts = _parts(today)
    width = max(len(part.columns) for part in parts)
    child = Person._meta.get_field("id").get_db_prep_value(person.pk, connection)
    selects: list[str] = []
    params: list[Any] = []
    for index, part in enumerate(parts):
        columns = [*part.columns, *["NULL"] * (width - len(part.columns))]
        condition = f" AND {part.condition}" if part.condition else ""
        order = f" ORDER BY {part.order}" if part.order else ""
        selects.append(
            f"SELECT * FROM (SELECT {index} AS part, {', '.join(columns)} "  # noqa: S608
            f"FROM {part.model._meta.db_table} t {part.join} WHERE {part.child}{condition}{order} "
            f"{'' if part.limit is None else f' LIMIT {part.limit}'}) AS part_{index}"
        )
        params += [*part.column_params, child, *part.condition_params]
    rows: dict[int, list[tuple[Any, ...]]] = {index: [] for index in range(len(parts))}
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(selects), params)
        for row in cursor.fetchall():
            rows[row[0]].append(row[1:])
    facts: dict[str, Any] = {}
    for index, part in enumerate(parts):
        read = [
            {
                name: _read(kind, value)
                for name, kind, value in zip(part.names, part.kinds, row, strict=False)
            }
            for row in rows[index]
        ]
        if part.limit != 1:
            facts[part.prefix] = read
            continue
        first = read[0] if read else dict.fromkeys(part.names)
        for name, value in first.items():
            facts[f"{part.prefix}_{name}"] = value
    return facts


def _loaded[M: Model](model: type[M], values: dict[str, Any]) -> M:
    """An instance of `model` with only these fields loaded; any other loads when asked for,
    as with `only()`."""
    # `from_db` takes the values in the order of the model's fields.
    names = [f.attname for f in model._meta.concrete_fields if f.attname in values]
    return model.from_db(connection.alias, names, [values[name] for name in names])


def _instance[M: Model](model: type[M], person: Person, values: dict[str, Any]) -> M | None:
    """A row about the child read among the facts, as an instance of `model`."""
    if values.get("id") is None:
        return None
    return _loaded(model, {"person_id": person.pk, **values})


def _prefixed(facts: dict[str, Any], prefix: str, names: tuple[str, ...]) -> dict[str, Any]:
    return {name: facts[f"{prefix}_{name}"] for name in names}


def _status(facts: dict[str, Any], person: Person, protection: Any) -> tuple[str, str]:
    # Looked-after children are not recorded in Casework yet; when they are, that status comes
    # first, as it does in the CIN census.
    if protection.plan is not None:
        return "Child protection plan", reverse("protection:person", args=[person.pk])
    if facts["cin_pk"]:
        url = reverse("plans:plan", args=[person.pk, facts["cin_pk"]])
        if facts["cin_status"] == "awaiting_approval":
            return "Child in need plan, awaiting a manager's approval", url
        return "Child in need plan", url
    if facts["episode_pk"]:
        return "Open referral", reverse("assessments:person", args=[person.pk])
    return "No open case", ""


def _due(facts: dict[str, Any], person: Person, protection: Any) -> list[Due]:
    """The statutory steps and planned meetings still to come, soonest first. Supervision
    directions have their own row on the summary."""
    from casework.meetings.models import Meeting

    due: list[Due] = []

    def add(what: str, on: datetime.date | None, url: str) -> None:
        if on is not None:
            due.append(Due(what, on, url))

    if facts["episode_pk"] and not facts["episode_assessment_authorised"]:
        add(
            "Assessment",
            facts["episode_assessment_target"],
            reverse("assessments:person", args=[person.pk]),
        )
    if facts["cin_pk"]:
        plan_url = reverse("plans:plan", args=[person.pk, facts["cin_pk"]])
        add("Child in need plan review", facts["cin_next_review_due"], plan_url)
        add("Child in need visit", facts["cin_next_visit_due"], plan_url)
    plan = protection.plan
    if plan is not None:
        cp_url = plan.get_absolute_url()
        add("Review child protection conference", plan.next_review_due, cp_url)
        add("Core group meeting", plan.next_core_group_due, cp_url)
        add("Child protection visit", plan.next_visit_due, cp_url)
    enquiry = protection.section47
    if enquiry is not None:
        add("Initial child protection conference", enquiry.icpc_target, enquiry.get_absolute_url())
    if facts["meeting_pk"]:
        add(
            Meeting.Kind(facts["meeting_kind"]).label,
            facts["meeting_held_on"],
            reverse("meetings:meeting", args=[person.pk, facts["meeting_pk"]]),
        )
    return sorted(due, key=lambda item: item.on)


def _last_seen(facts: dict[str, Any]) -> LastSeen | None:
    seen = []
    if facts["seen_visited_on"]:
        seen.append(
            LastSeen(facts["seen_visited_on"], facts["seen_seen_alone"], "child in need visit")
        )
    if facts["cp_seen_visited_on"]:
        seen.append(
            LastSeen(
                facts["cp_seen_visited_on"], facts["cp_seen_seen_alone"], "child protection visit"
            )
        )
    return max(seen, key=lambda s: s.on) if seen else None


def _allocation(facts: dict[str, Any], person: Person) -> Allocation | None:
    """The open allocation read among the facts, with its team and worker attached as
    `select_related` would attach them."""
    row = _prefixed(facts, "allocation", ALLOCATION_FIELDS)
    allocation = _instance(
        Allocation,
        person,
        {
            "id": row["id"],
            "team_id": row["team_id"],
            "worker_id": row["worker_id"],
            "started_on": row["started_on"],
            "ended_on": None,
        },
    )
    if allocation is None:
        return None
    allocation.team = _loaded(Team, {"id": row["team_id"], "name": row["team_name"]})
    if row["worker_id"] is not None:
        allocation.worker = _loaded(
            User,
            {
                "id": row["worker_id"],
                "first_name": row["worker_first_name"],
                "last_name": row["worker_last_name"],
                "username": row["worker_username"],
            },
        )
    return allocation


def _display_name(facts: dict[str, Any], prefix: str) -> str:
    """A user's name read among the facts, as `User.display_name` puts it."""
    if facts[f"{prefix}_username"] is None:
        return ""
    return User(
        first_name=facts[f"{prefix}_first_name"],
        last_name=facts[f"{prefix}_last_name"],
        username=facts[f"{prefix}_username"],
    ).display_name


def _latest_decision(facts: dict[str, Any]) -> LatestDecision | None:
    if facts["decision_pk"] is None:
        return None
    return LatestDecision(
        pk=facts["decision_pk"],
        decision_label=facts["decision_decision_label"],
        decided_at=facts["decision_decided_at"],
        decided_by_name=_display_name(facts, "decision"),
    )


def case_summary(user: Any, person: Person, today: datetime.date) -> CaseSummary:
    """Everything the summary shows to `user` (who may see `person`). Child protection comes
    from that app's own summary of the child, which its section of the page shows too."""
    from casework.oversight.models import CaseDirection
    from casework.protection import selectors as protection_selectors
    from casework.protection.models import ChildProtectionPlan, Section47

    facts = _facts(person, today)
    allocation = _allocation(facts, person)
    protection = protection_selectors.protection_summary(
        user,
        person,
        plan=_instance(ChildProtectionPlan, person, _prefixed(facts, "cp", CP_PLAN_FIELDS)),
        section47=_instance(Section47, person, _prefixed(facts, "s47", SECTION47_FIELDS)),
        in_allocated_team=in_holding_team(user, allocation),
    )
    # Soonest due first, as the worker's tray lists them.
    directions = sorted(facts["directions"], key=lambda row: row["due_on"])
    status, status_url = _status(facts, person, protection)
    referral = None
    if facts["episode_pk"]:
        referral = OpenReferral(
            id=facts["episode_pk"],
            referral_date=facts["episode_referral_date"],
            source=ReferralSource(facts["episode_referral_source"]).label,
            assessment_target=facts["episode_assessment_target"],
        )
    return CaseSummary(
        status=status,
        status_url=status_url,
        allocation=allocation,
        manager_name=_display_name(facts, "manager"),
        referral=referral,
        due=_due(facts, person, protection),
        last_seen=_last_seen(facts),
        latest_decision=_latest_decision(facts),
        open_directions=[_instance(CaseDirection, person, row) for row in directions],
        warnings=[_instance(PersonWarning, person, row) for row in facts["warnings"]],
        other_names=[_instance(PersonName, person, row) for row in facts["other_names"]],
        protection=protection,
        today=today,
    )
