"""The permission matrix (docs/permissions.md) as a sweep over every registered URL rule.

Each rule and method is requested by an anonymous visitor and by each role, on records that
belong to someone else (another user of another office), and the status must match EXPECTED.
A new endpoint without a row here fails `test_every_rule_has_a_row`; one without a check fails
the sweep. POSTs carry no form fields (one unknown field, so that forms validate the missing ones
rather than fall back to their defaults): 200 means the form came back with its errors and nothing
was written, 302 that the action ran (the data is then built afresh for the next request)."""
from dataclasses import dataclass

import pytest

from crm.extensions import db
from crm.models import Role
from tests.conftest import empty_database
from tests.delegations.factories import AgreementFactory, DelegationFactory, MemberFactory, VisitFactory
from tests.events.factories import EventFactory, MeetingDayFactory, MeetingFactory, RequestFactory
from tests.factories import (
    PASSWORD,
    AffiliationFactory,
    CompanyFactory,
    FollowUpFactory,
    InteractionFactory,
    OfficeFactory,
    UserFactory,
    records_of_later_areas,
)
from tests.inquiries.conftest import InquiryFactory

ROLES = [None, Role.VIEWER, Role.STAFF, Role.MANAGER, Role.ADMIN]
L = "login"  # a redirect to the login page

# The records are someone else's: staff get 403 where they may change only their own (follow-ups,
# interactions, a delegation of another office). An edit form POSTed without fields keeps the
# record's values, so some edits answer 302 (saved unchanged) and some actions 400 (nothing chosen).
# endpoint                         method anonymous viewer staff manager admin
EXPECTED = """
account.create_feed                POST  login   302   302   302   302
account.create_token               POST  login   400   400   400   400
account.revoke_token               POST  login   404   404   404   404
account.revoke_feed                POST  login   302   302   302   302
account.settings                   GET   login   200   200   200   200
account.settings                   POST  login   302   302   302   302
admin.audit                        GET   login   403   403   403   200
admin.edit_office                  GET   login   403   403   403   200
admin.edit_office                  POST  login   403   403   403   302
admin.edit_user                    GET   login   403   403   403   200
admin.edit_user                    POST  login   403   403   403   302
admin.new_office                   GET   login   403   403   403   200
admin.new_office                   POST  login   403   403   403   200
admin.new_user                     GET   login   403   403   403   200
admin.new_user                     POST  login   403   403   403   200
admin.offices                      GET   login   403   403   403   200
admin.users                        GET   login   403   403   403   200
agreements.delete                  POST  login   403   403   302   302
agreements.detail                  GET   login   200   200   200   200
agreements.document                GET   login   404   404   404   404
agreements.edit                    GET   login   403   403   200   200
agreements.edit                    POST  login   403   403   200   200
agreements.index                   GET   login   200   200   200   200
agreements.new                     GET   login   403   403   200   200
agreements.new                     POST  login   403   403   200   200
api-docs.openapi_json              GET     200   200   200   200   200
api_docs.asset                     GET     200   200   200   200   200
api_docs.index                     GET     200   200   200   200   200
auth.change_password               GET   login   200   200   200   200
auth.change_password               POST  login   200   200   200   200
auth.login                         GET     200   302   302   302   302
auth.login                         POST    200   302   302   302   302
auth.logout                        POST  login login login login login
auth.set_language                  POST  login login login login login
bootstrap.static                   GET     200   200   200   200   200
companies.add_relation             POST  login   403   302   302   302
companies.bulk_edit                POST  login   403   302   302   302
companies.delete                   POST  login   403   403   302   302
companies.delete_relation          POST  login   403   302   302   302
companies.detail                   GET   login   200   200   200   200
companies.edit                     GET   login   403   200   200   200
companies.edit                     POST  login   403   302   302   302
companies.index                    GET   login   200   200   200   200
companies.new                      GET   login   403   200   200   200
companies.new                      POST  login   403   200   200   200
dashboard.index                    GET   login   200   200   200   200
dashboard.my_day                   GET   login   200   200   200   200
delegations.delete                 POST  login   403   403   302   302
delegations.delete_member          POST  login   403   403   302   302
delegations.delete_visit           POST  login   403   403   302   302
delegations.detail                 GET   login   200   200   200   200
delegations.edit                   GET   login   403   403   200   200
delegations.edit                   POST  login   403   403   200   200
delegations.edit_member            GET   login   403   403   200   200
delegations.edit_member            POST  login   403   403   200   200
delegations.edit_visit             GET   login   403   403   200   200
delegations.edit_visit             POST  login   403   403   200   200
delegations.hosts                  GET   login   200   200   200   200
delegations.index                  GET   login   200   200   200   200
delegations.itinerary_ics          GET   login   200   200   200   200
delegations.itinerary_xlsx         GET   login   200   200   200   200
delegations.new                    GET   login   403   403   200   200
delegations.new                    POST  login   403   403   200   200
delegations.new_member             GET   login   403   403   200   200
delegations.new_member             POST  login   403   403   200   200
delegations.new_visit              GET   login   403   403   200   200
delegations.new_visit              POST  login   403   403   200   200
delegations.outcome                GET   login   403   200   200   200
delegations.outcome                POST  login   403   200   200   200
delegations.printable              GET   login   200   200   200   200
duplicates.index                   GET   login   200   200   200   200
duplicates.merge                   GET   login   403   403   400   400
duplicates.merge                   POST  login   403   403   400   400
events.accept_top                  POST  login   403   302   302   302
events.agendas                     GET   login   200   200   200   200
events.all_participant_agendas     GET   login   200   200   200   200
events.all_table_agendas           GET   login   200   200   200   200
events.answer_request              POST  login   403   400   400   400
events.cancel                      POST  login   403   403   302   302
events.delete                      POST  login   403   403   302   302
events.delete_day                  POST  login   403   403   302   302
events.delete_participant          POST  login   403   302   302   302
events.delete_request              POST  login   403   302   302   302
events.detail                      GET   login   200   200   200   200
events.edit                        GET   login   403   403   200   200
events.edit                        POST  login   403   403   200   200
events.edit_day                    GET   login   403   403   200   200
events.edit_day                    POST  login   403   403   200   200
events.edit_participant            GET   login   403   200   200   200
events.edit_participant            POST  login   403   200   200   200
events.edit_request                GET   login   403   200   200   200
events.edit_request                POST  login   403   302   302   302
events.index                       GET   login   200   200   200   200
events.late_request                GET   login   403   403   200   200
events.late_request                POST  login   403   403   200   200
events.lock                        POST  login   403   403   302   302
events.lock_all                    POST  login   403   403   302   302
events.move                        GET   login   403   403   200   200
events.move                        POST  login   403   403   200   200
events.new                         GET   login   403   403   200   200
events.new                         POST  login   403   403   200   200
events.new_day                     GET   login   403   403   200   200
events.new_day                     POST  login   403   403   200   200
events.new_participant             GET   login   403   200   200   200
events.new_participant             POST  login   403   200   200   200
events.new_request                 GET   login   403   200   200   200
events.new_request                 POST  login   403   200   200   200
events.outcome                     GET   login   403   200   200   200
events.outcome                     POST  login   403   200   200   200
events.outcomes                    GET   login   200   200   200   200
events.participant_agenda          GET   login   200   200   200   200
events.participant_agenda_ics      GET   login   200   200   200   200
events.participant_agenda_xlsx     GET   login   200   200   200   200
events.participants                GET   login   200   200   200   200
events.publish                     POST  login   403   403   302   302
events.report                      GET   login   200   200   200   200
events.requests                    GET   login   200   200   200   200
events.review                      GET   login   403   302   302   302
events.review                      POST  login   403   302   302   302
events.run                         POST  login   403   403   302   302
events.schedule                    GET   login   200   200   200   200
events.suggestions                 GET   login   200   200   200   200
events.table_agenda                GET   login   200   200   200   200
events.table_agenda_xlsx           GET   login   200   200   200   200
events.unlock                      POST  login   403   403   302   302
events.unlock_all                  POST  login   403   403   302   302
feeds.calendar                     GET     200   200   200   200   200
followups.complete                 GET   login   403   403   200   200
followups.complete                 POST  login   403   403   302   302
followups.edit                     GET   login   403   403   200   200
followups.edit                     POST  login   403   403   200   200
followups.index                    GET   login   200   200   200   200
followups.new                      GET   login   403   200   200   200
followups.new                      POST  login   403   200   200   200
health.health                      GET     200   200   200   200   200
imports.batch                      GET   login   403   200   200   200
imports.batches                    GET   login   403   200   200   200
imports.cancel                     POST  login   403   302   302   302
imports.confirm                    POST  login   403   302   302   302
imports.failed                     GET   login   403   200   200   200
imports.mapping                    GET   login   403   302   302   302
imports.mapping                    POST  login   403   302   302   302
imports.preview                    GET   login   403   302   302   302
imports.result                     GET   login   403   302   302   302
imports.undo                       POST  login   403   403   302   302
imports.upload                     GET   login   403   200   200   200
imports.upload                     POST  login   403   200   200   200
inquiries.accept                   POST  login   403   403   302   302
inquiries.detail                   GET   login   403   403   200   200
inquiries.index                    GET   login   403   403   200   200
inquiries.new                      GET     200   200   200   200   200
inquiries.new                      POST    200   200   200   200   200
inquiries.reject                   POST  login   403   403   302   302
inquiries.thanks                   GET     200   200   200   200   200
interactions.delete                POST  login   403   403   302   302
interactions.edit                  GET   login   403   403   200   200
interactions.edit                  POST  login   403   403   200   200
interactions.index                 GET   login   200   200   200   200
interactions.new                   GET   login   403   200   200   200
interactions.new                   POST  login   403   200   200   200
people.data                        GET   login   403   403   200   200
people.data_json                   GET   login   403   403   200   200
people.delete                      POST  login   403   403   302   302
people.detail                      GET   login   200   200   200   200
people.edit                        GET   login   403   200   200   200
people.edit                        POST  login   403   302   302   302
people.erase                       GET   login   403   403   200   200
people.erase                       POST  login   403   403   200   200
people.index                       GET   login   200   200   200   200
people.new                         GET   login   403   200   200   200
people.new                         POST  login   403   200   200   200
people.retention                   GET   login   403   403   200   200
saved_views.delete                 POST  login   403   403   403   302
saved_views.export                 GET   login   302   302   302   302
saved_views.index                  GET   login   200   200   200   200
saved_views.open_view              GET   login   302   302   302   302
saved_views.pin                    POST  login   403   302   302   302
saved_views.save                   POST  login   403   302   302   302
saved_views.unpin                  POST  login   403   302   302   302
search.results                     GET   login   200   200   200   200
search.romanise                    GET   login   200   200   200   200
search.suggest                     GET   login   200   200   200   200
static                             GET     200   200   200   200   200
timeline.company                   GET   login   200   200   200   200
timeline.index                     GET   login   200   200   200   200
timeline.report                    GET   login   200   200   200   200
trash.index                        GET   login   403   403   200   200
trash.purge                        POST  login   403   403   403   302
trash.restore                      POST  login   403   403   302   302
webhooks.deliveries                GET   login   403   403   403   200
webhooks.edit                      GET   login   403   403   403   200
webhooks.edit                      POST  login   403   403   403   200
webhooks.index                     GET   login   403   403   403   200
webhooks.new                       GET   login   403   403   403   200
webhooks.new                       POST  login   403   403   403   200
webhooks.new_secret                POST  login   403   403   403   302
webhooks.retry                     POST  login   403   403   403   302
"""

# What a viewer may POST: their own login, password, settings, calendar feed and API tokens, the interface
# language, and the public inquiry form.
VIEWER_MAY_POST = {"auth.login", "auth.logout", "auth.set_language", "auth.change_password", "account.settings",
                   "account.create_feed", "account.revoke_feed", "account.create_token", "account.revoke_token",
                   "inquiries.new"}

# The JSON API (crm/api/) answers only to a token: a session cookie, even an admin's, gets 401
# on every API endpoint. tests/api/ sweeps it with tokens.
API_UNAUTHORIZED = (401,) * len(ROLES)


def parse(table: str, app=None) -> dict[tuple[str, str], tuple]:
    """The table's rows, and with `app` a 401 row for each API endpoint."""
    rows = {(endpoint, method): API_UNAUTHORIZED
            for endpoint, method, _rule in (requests(app) if app else []) if endpoint.startswith("api.")}
    for line in table.strip().splitlines():
        endpoint, method, *statuses = line.split()
        rows[endpoint, method] = tuple(s if s == L else int(s) for s in statuses)
    return rows


@dataclass
class World:
    """One of each record, all belonging to `owner`, a staff member of another office."""

    args: dict
    users: dict


def build_world() -> World:
    home = OfficeFactory(name="Dresden")
    away = OfficeFactory(name="Jinan", city="Jinan", country="CN", timezone="Asia/Shanghai")
    owner = UserFactory(office=away, role=Role.STAFF, calendar_token="sweep-token")
    users = {role: UserFactory(office=home, role=role) for role in ROLES if role}
    company = CompanyFactory(owner=owner, office=away)
    person = AffiliationFactory(company=company).person
    interaction = InteractionFactory(author=owner, company=company, people=[person])
    follow_up = FollowUpFactory(assignee=owner, company=company)
    event = EventFactory(office=away)
    day = MeetingDayFactory(event=event)
    meeting_request = RequestFactory(requester__event=event, requester__company=company)
    meeting = MeetingFactory(a=meeting_request.requester, b=meeting_request.counterpart)
    delegation = DelegationFactory(office=away, responsible=owner)
    member = MemberFactory(delegation=delegation)
    visit = VisitFactory(delegation=delegation, host_company=company)
    args = {
        "company_id": company.id, "person_id": person.id, "interaction_id": interaction.id,
        "follow_up_id": follow_up.id, "event_id": event.id, "day_id": day.id,
        "participant_id": meeting_request.requester.id, "request_id": meeting_request.id,
        "meeting_id": meeting.id, "number": 1, "delegation_id": delegation.id, "member_id": member.id,
        "visit_id": visit.id, "agreement_id": AgreementFactory(office=away).id, "inquiry_id": InquiryFactory().id,
        "user_id": owner.id, "office_id": away.id, "token": "sweep-token",
        **records_of_later_areas(owner, company),
        "name": "swagger-ui.css",
    }
    return World(args=args, users=users)



def url_for_rule(rule, world: World) -> str:
    if rule.endpoint == "static":
        return "/static/css/app.css"
    if rule.endpoint == "bootstrap.static":
        return "/bootstrap/static/css/bootstrap.min.css"
    return rule.build({arg: world.args[arg] for arg in rule.arguments}, append_unknown=False)[1]


def requests(app):
    """(endpoint, method, rule): GETs first, so writes that succeed disturb fewer requests."""
    found = [(rule.endpoint, method, rule) for rule in app.url_map.iter_rules()
             for method in rule.methods - {"HEAD", "OPTIONS"}]
    return sorted(found, key=lambda item: (item[1] != "GET", item[0], item[1]))


def status_of(response):
    if response.status_code == 302 and response.headers["Location"].startswith("/login"):
        return L
    return response.status_code


def test_viewers_may_post_nothing_but_their_own_account():
    viewer = ROLES.index(Role.VIEWER)
    posting = {endpoint for (endpoint, method), statuses in parse(EXPECTED).items()
               if method == "POST" and statuses[viewer] != 403}
    assert posting == VIEWER_MAY_POST


def test_every_rule_has_a_row(app):
    rows = parse(EXPECTED, app)
    found = {(endpoint, method) for endpoint, method, _rule in requests(app)}
    assert sorted(found - set(rows)) == [], "endpoints missing from the permission table"
    assert sorted(set(rows) - found) == [], "rows for endpoints that no longer exist"


@pytest.mark.parametrize("role", ROLES, ids=lambda role: role.value if role else "anonymous")
def test_every_rule_answers_each_role_as_the_matrix_says(app, role):
    expected = parse(EXPECTED, app)
    column = ROLES.index(role)
    mismatches, seen = [], []

    def fresh_client():
        empty_database()
        world = build_world()
        client = app.test_client()
        if role:
            client.post("/login", data={"email": world.users[role].email, "password": PASSWORD})
        return world, client

    world, client = fresh_client()
    for endpoint, method, rule in requests(app):
        url = url_for_rule(rule, world)
        got = status_of(client.open(url, method=method, data={"sweep": "1"} if method == "POST" else None))
        seen.append(f"{endpoint} {method} {got}")
        want = expected.get((endpoint, method), (None,) * len(ROLES))[column]
        if got != want:
            mismatches.append(f"{endpoint} {method} {url}: expected {want}, got {got}")
        if method == "POST" and got == 302 or endpoint == "auth.logout":
            world, client = fresh_client()
    print("\n".join(seen))
    assert mismatches == []


def test_every_record_url_answers_404_for_a_missing_record(app):
    """Every loader does its 404: an admin (who passes every role check) asking for ids that do
    not exist gets 404, never a 500 or someone else's record."""
    world = build_world()
    client = app.test_client()
    client.post("/login", data={"email": world.users[Role.ADMIN].email, "password": PASSWORD})
    answers = {}
    for endpoint, method, rule in requests(app):
        if endpoint.startswith("api."):
            continue  # without a token: 401 (tests/api/test_access.py asks with one)
        numbered = [arg for arg in rule.arguments if f"<int:{arg}>" in rule.rule]
        for missing in numbered:
            url = rule.build({**{arg: world.args[arg] for arg in rule.arguments}, missing: 999999},
                             append_unknown=False)[1]
            answers[endpoint, method, missing] = client.open(url, method=method, data={"sweep": "1"}).status_code
    assert len(answers) > 100
    assert {key: status for key, status in answers.items() if status != 404} == {}
