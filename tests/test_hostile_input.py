"""Property-based: every form of the app survives random and hostile input.

The forms are not listed by hand: every URL rule that accepts POST is taken from the app's
url_map, its ids are filled from a small world with one record of each kind, and its fields
are read from the rendered page (the form itself, or for POST-only actions the page that
holds the button). Hypothesis then posts each field as its own value, a hostile string (very
long, control characters, HTML and script tags, SQL fragments, unicode edge cases), a value
of the wrong type, several values, or nothing at all, and checks:

- never a 5xx;
- nothing half-written: an answer other than a redirect (a form shown again with its
  messages, a 400, 403 or 404) leaves every table exactly as it was;
- text comes back escaped: the script marker never appears unescaped in the answer or in
  the page it redirects to.

HYPOTHESIS_EXAMPLES sets the examples per form (default 5, so the sweep stays fast).
"""
import hashlib
import os
from datetime import date, datetime, time
from urllib.parse import urlsplit

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crm import create_app
from crm.extensions import db, limiter
from crm.models import Role, Side
from tests.delegations.factories import AgreementFactory, DelegationFactory, MemberFactory, VisitFactory
from tests.events.factories import EventFactory, MeetingDayFactory, MeetingFactory, ParticipantFactory, RequestFactory
from tests.factories import (
    AffiliationFactory,
    CompanyFactory,
    FollowUpFactory,
    InteractionFactory,
    UserFactory,
    records_of_later_areas,
)
from tests.htmlforms import forms_posting_to
from tests.inquiries.conftest import InquiryFactory

EXAMPLES = int(os.environ.get("HYPOTHESIS_EXAMPLES", "5"))
MARKER = "<script>jb_xss()</script>"
# Login and logout change the session itself; they are tested in tests/test_auth.py.
SKIPPED = {"auth.login", "auth.logout"}


def post_rules():
    app = create_app("config.TestConfig", {"SQLALCHEMY_DATABASE_URI": "sqlite://"})
    return sorted((rule.endpoint, rule.rule, tuple(sorted(rule.arguments)), "GET" in rule.methods)
                  for rule in app.url_map.iter_rules()
                  if "POST" in rule.methods and rule.endpoint not in SKIPPED)


# --- the world: one record of each kind, so every URL has real ids ---

@pytest.fixture
def world(office, admin):
    company = CompanyFactory(name="Elbe Photonics")
    person = AffiliationFactory(company=company).person
    interaction = InteractionFactory(company=company, author=admin)
    interaction.people.append(person)
    follow_up = FollowUpFactory(company=company, assignee=admin, created_by=admin, person=person)
    event = EventFactory(office=office, starts_on=date(2025, 9, 22), ends_on=date(2025, 9, 23))
    day = MeetingDayFactory(event=event, day=date(2025, 9, 22), starts_at=time(9), ends_at=time(11))
    a = ParticipantFactory(event=event, company=company, side=Side.A)
    b = ParticipantFactory(event=event, side=Side.B)
    meeting_request = RequestFactory(event_id=event.id, requester=a, counterpart=b)
    meeting = MeetingFactory(a=a, b=b, slot=0, table_number=1, request_id=meeting_request.id)
    delegation = DelegationFactory(office=office, starts_on=date(2016, 4, 11), ends_on=date(2016, 4, 15))
    member = MemberFactory(delegation=delegation, company=company)
    visit = VisitFactory(delegation=delegation, starts_at=datetime(2016, 4, 12, 8))
    agreement = AgreementFactory(office=office)
    inquiry = InquiryFactory()
    colleague = UserFactory(office=office, role=Role.STAFF)
    db.session.commit()
    return {
        "company_id": company.id, "person_id": person.id, "interaction_id": interaction.id,
        "follow_up_id": follow_up.id, "event_id": event.id, "day_id": day.id, "participant_id": a.id,
        "request_id": meeting_request.id, "meeting_id": meeting.id, "delegation_id": delegation.id,
        "member_id": member.id, "visit_id": visit.id, "agreement_id": agreement.id, "inquiry_id": inquiry.id,
        "office_id": office.id, "user_id": colleague.id, **records_of_later_areas(admin, company),
    }


# --- reading the forms off the pages ---

def discover_fields(client, path: str, has_get: bool) -> dict:
    """The fields of the form that posts to `path`: on its own page, or on a page above it."""
    candidates = [path] if has_get else []
    parts = path.rstrip("/").split("/")
    candidates += ["/".join(parts[:n]) or "/" for n in range(len(parts) - 1, 1, -1)]
    for page in candidates:
        response = client.get(page)
        if response.status_code == 200:
            found = forms_posting_to(response.get_data(as_text=True), page, path)
            if found:
                return found[0]
    return {}


# --- hostile values ---

HOSTILE = [
    MARKER,
    f'"><img src=x onerror=alert(1)>{MARKER}',
    "'; DROP TABLE companies; --",
    "1 OR 1=1",
    "' UNION SELECT password_hash FROM users --",
    "\x00nul\x00",
    "\x1b[31mansi\x07\x08",
    "\r\n\t line\u2028break\u2029",
    "\u202etxet lanoitcerid-ib",
    "\ufeff\u200b\u200d",
    "Z\u0351\u0358\u0332a\u0336l\u0337g\u0335o",
    "👩‍👩‍👧‍👦🇨🇳🇩🇪",
    "王思国" * 300,
    "x" * 100_000,
    "",
    " ",
    "-1",
    "0",
    "99999999999999999999999",
    "1e309",
    "NaN",
    "2026-02-30",
    "9999-12-31",
    "0000-00-00",
    "25:61",
    "None",
    "null",
    "[]",
    "{}",
    "true",
]
hostile_text = st.one_of(st.just(MARKER), st.sampled_from(HOSTILE), st.text(max_size=60),
                         st.text(min_size=200, max_size=2000))


def own_value(field: dict) -> list[str]:
    """What the page would send: the field's current value, else its first real choice."""
    if field["values"]:
        return field["values"]
    return [choice for choice in field["choices"] if choice][:1]


@st.composite
def form_data(draw, fields: dict):
    """Mostly the form as the page fills it with one to three fields made hostile, so that
    hostile text gets saved and shown; sometimes every field at random (a value, one of its
    choices, hostile text, several values, or left out), plus a field the form does not have."""
    names = [name for name in fields if name != "csrf_token"]
    data = {name: own_value(fields[name]) for name in names}
    if names and draw(st.integers(0, 3)) > 0:
        for name in draw(st.lists(st.sampled_from(names), min_size=1, max_size=3, unique=True)):
            data[name] = draw(hostile_text)
        return data
    for name in names + ["unexpected_field"]:
        field = fields.get(name, {"values": [], "choices": []})
        how = draw(st.sampled_from(["omit", "hostile", "many", "own", "choice"]))
        data.pop(name, None)
        if how == "own" and field["values"]:
            data[name] = field["values"]
        elif how == "choice" and field["choices"]:
            data[name] = draw(st.sampled_from(field["choices"]))
        elif how == "hostile":
            data[name] = draw(hostile_text)
        elif how == "many":
            data[name] = draw(st.lists(hostile_text, min_size=2, max_size=3))
    return data


# --- the sweep ---

def snapshot() -> str:
    """A digest of every row of every table."""
    digest = hashlib.sha256()
    db.session.expire_all()
    for table in db.metadata.sorted_tables:
        for row in db.session.execute(sa.select(table).order_by(*table.primary_key.columns)):
            digest.update(repr(tuple(row)).encode())
    db.session.rollback()
    return digest.hexdigest()


@pytest.fixture
def as_admin(app, client, auth, admin, monkeypatch):
    monkeypatch.setitem(app.config, "SCHEDULER_TIME_LIMIT", 0.5)
    limiter.enabled = False
    auth.login(admin)
    yield client
    limiter.enabled = True


RULES = post_rules()
# companies.new -> companies.edit, events.new_day -> events.edit_day ...
EDIT_TWINS = {new[0]: edit for new in RULES for edit in RULES if edit[0] == new[0].replace(".new", ".edit", 1)
              and new[0] != edit[0]}


def fill(rule: str, arguments, world: dict) -> str:
    """The rule's URL with the world's ids."""
    for name in arguments:
        rule = rule.replace(f"<int:{name}>", str(world[name]))
    return rule


@pytest.mark.parametrize("endpoint, rule, arguments, has_get", RULES, ids=[r[0] for r in RULES])
def test_every_form_survives_hostile_input(as_admin, world, endpoint, rule, arguments, has_get):
    path = fill(rule, arguments, world)
    fields = discover_fields(as_admin, path, has_get)
    twin = EDIT_TWINS.get(endpoint)
    if twin:  # a new record's form starts from an existing record's values, so that saves succeed
        existing = discover_fields(as_admin, fill(twin[1], twin[2], world), True)
        for name, field in fields.items():
            if existing.get(name, {}).get("values"):
                field["values"] = existing[name]["values"]

    @settings(max_examples=EXAMPLES, deadline=None, database=None,
              suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                     HealthCheck.data_too_large])
    @given(data=form_data(fields))
    def post_hostile(data):
        before = snapshot()
        response = as_admin.post(path, data=data)
        body = response.get_data(as_text=True)
        assert response.status_code < 500, f"{endpoint} answered {response.status_code} to {data!r}"
        assert MARKER not in body, f"{endpoint} echoed unescaped input"
        if response.status_code in (302, 303):
            location = urlsplit(response.headers["Location"])
            follow = as_admin.get(location.path, query_string=location.query)
            assert follow.status_code < 500, f"{endpoint} redirected to a {follow.status_code}"
            assert MARKER not in follow.get_data(as_text=True), f"{endpoint} stored text shown unescaped"
        else:
            assert snapshot() == before, f"{endpoint} wrote to the database and answered {response.status_code}"

    post_hostile()
