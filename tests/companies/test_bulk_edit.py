"""Bulk edit from the company list: ticked rows or all rows matching the filter, one action,
a preview with the count, then one transaction recorded as one operation in the history."""

import sqlalchemy as sa

from crm.extensions import db
from crm.models import AuditEntry, Company, DelegationMember, Participant, PipelineStatus, Side
from crm.services import bulk, history
from tests.delegations.factories import DelegationFactory, MemberFactory
from tests.events.factories import EventFactory, ParticipantFactory
from tests.factories import CompanyFactory, SectorFactory, TagFactory, UserFactory


def post_bulk(client, companies=(), confirm=True, **fields):
    data = {"ids": [str(c.id) for c in companies], **fields}
    if confirm:
        data["confirm"] = "Apply"
    return client.post("/companies/bulk", data=data)


def bulk_entries(label_start="Bulk edit"):
    return db.session.scalars(
        sa.select(AuditEntry).where(AuditEntry.operation_label.startswith(label_start)).order_by(AuditEntry.id)
    ).all()


def test_set_status_changes_the_ticked_companies_only(logged_in):
    first, second, untouched = CompanyFactory(), CompanyFactory(), CompanyFactory()
    response = post_bulk(logged_in, [first, second], action="status", status="partner")
    assert response.status_code == 302
    db.session.expire_all()
    assert [first.status, second.status, untouched.status] == [
        PipelineStatus.PARTNER, PipelineStatus.PARTNER, PipelineStatus.NEW]


def test_set_owner(logged_in, office):
    owner = UserFactory(office=office)
    company = CompanyFactory()
    post_bulk(logged_in, [company], action="owner", owner_id=str(owner.id))
    db.session.expire_all()
    assert company.owner_id == owner.id


def test_add_tags_keeps_the_existing_ones_and_reuses_tags_by_name(logged_in):
    laser = TagFactory(name="laser")
    company = CompanyFactory(tags=[TagFactory(name="optics")])
    post_bulk(logged_in, [company], action="tags", tags="Laser, fair 2026")
    db.session.expire_all()
    assert sorted(t.name for t in company.tags) == ["fair 2026", "laser", "optics"]
    assert laser in company.tags


def test_add_a_sector_keeps_the_existing_ones(logged_in):
    old, new = SectorFactory(), SectorFactory()
    company = CompanyFactory(sectors=[old])
    post_bulk(logged_in, [company], action="sector", sector_id=str(new.id))
    db.session.expire_all()
    assert set(company.sectors) == {old, new}


def test_add_to_an_event_on_the_chosen_side_skips_those_already_registered(logged_in):
    event = EventFactory()
    registered, new = CompanyFactory(), CompanyFactory()
    ParticipantFactory(event=event, company=registered, side=Side.A)
    response = post_bulk(logged_in, [registered, new], action="event", event_id=str(event.id), side="B")
    rows = db.session.execute(sa.select(Participant.company_id, Participant.side)
                              .where(Participant.event_id == event.id).order_by(Participant.id)).all()
    assert rows == [(registered.id, Side.A), (new.id, Side.B)]
    page = logged_in.get(response.headers["Location"]).get_data(as_text=True)
    assert "1 company changed" in page and "1 company already had it and was skipped" in page


def test_add_to_a_delegation_skips_its_members(logged_in):
    delegation = DelegationFactory()
    member, new = CompanyFactory(), CompanyFactory()
    MemberFactory(delegation=delegation, company=member)
    post_bulk(logged_in, [member, new], action="delegation", delegation_id=str(delegation.id))
    companies = db.session.scalars(sa.select(DelegationMember.company_id)
                                   .where(DelegationMember.delegation_id == delegation.id)).all()
    assert sorted(companies) == sorted([member.id, new.id])


def test_all_matching_the_filter_changes_exactly_the_filtered_rows(logged_in):
    in_jinan = [CompanyFactory(city="Jinan"), CompanyFactory(city="Jinan")]
    elsewhere = CompanyFactory(city="Dresden")
    post_bulk(logged_in, scope="all", query="city=jinan&page=2&sort=-name", action="status", status="dormant")
    db.session.expire_all()
    assert [c.status for c in in_jinan] == [PipelineStatus.DORMANT] * 2
    assert elsewhere.status is PipelineStatus.NEW


def test_all_matching_an_invalid_filter_is_refused_rather_than_widened(logged_in):
    company = CompanyFactory()
    response = post_bulk(logged_in, scope="all", query="status=nonsense", action="status", status="dormant")
    assert response.status_code == 302
    db.session.expire_all()
    assert company.status is PipelineStatus.NEW


def test_the_preview_shows_how_many_change_and_changes_nothing(logged_in):
    companies = [CompanyFactory(), CompanyFactory(), CompanyFactory(status=PipelineStatus.PARTNER)]
    response = post_bulk(logged_in, companies, confirm=False, action="status", status="partner", preview="1")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "2 companies will change: status → Partner." in page
    assert "1 company already has it and is skipped." in page
    assert 'name="confirm"' in page
    db.session.expire_all()
    assert [c.status for c in companies].count(PipelineStatus.PARTNER) == 1


def test_coming_from_the_list_shows_the_action_form_with_the_count(logged_in):
    companies = [CompanyFactory(), CompanyFactory()]
    response = logged_in.post("/companies/bulk", data={"ids": [str(c.id) for c in companies], "scope": "selected"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "2 companies selected." in page and 'name="action"' in page


def test_the_history_shows_one_operation_label_for_every_change(logged_in):
    companies = [CompanyFactory(), CompanyFactory(), CompanyFactory()]
    post_bulk(logged_in, companies, action="status", status="partner")
    entries = bulk_entries()
    assert {e.entity_id for e in entries} == {c.id for c in companies}
    assert {(e.operation_id, e.operation_label) for e in entries} == {
        (entries[0].operation_id, "Bulk edit: status → Partner (3 companies)")}


def test_a_value_is_required_for_the_chosen_action(logged_in):
    company = CompanyFactory()
    response = post_bulk(logged_in, [company], action="owner")
    assert response.status_code == 422
    assert "Enter the value to set." in response.get_data(as_text=True)


def test_viewers_may_not_bulk_edit(client, auth, viewer):
    company = CompanyFactory()
    auth.login(viewer)
    assert post_bulk(client, [company], action="status", status="partner").status_code == 403


def test_viewers_get_no_checkboxes_on_the_list(client, auth, viewer):
    CompanyFactory()
    auth.login(viewer)
    assert 'form="bulk-form"' not in client.get("/companies/").get_data(as_text=True)


def test_hostile_and_trashed_ids_are_ignored_and_counted(logged_in, staff):
    kept, trashed = CompanyFactory(), CompanyFactory()
    history.soft_delete(trashed, staff.id)
    db.session.commit()
    response = logged_in.post("/companies/bulk", data={
        "ids": [str(kept.id), str(trashed.id), "999999", "abc", "-1", "1e3", "99999999999999999999"],
        "action": "status", "status": "partner", "preview": "1"})
    page = response.get_data(as_text=True)
    assert "1 company selected." in page
    assert "6 ticked rows were ignored" in page
    db.session.expire_all()
    assert history.load_any(Company, trashed.id).status is PipelineStatus.NEW


def test_no_company_among_the_ids_goes_back_to_the_list_with_a_message(logged_in):
    response = logged_in.post("/companies/bulk", data={"ids": ["0", "x"], "query": "city=Jinan"},
                              follow_redirects=False)
    assert response.headers["Location"] == "/companies/?city=Jinan"
    page = logged_in.get("/companies/?city=Jinan").get_data(as_text=True)
    assert "Tick at least one company" in page


def test_the_list_offers_all_rows_matching_the_filter(logged_in):
    CompanyFactory(city="Jinan"), CompanyFactory(city="Jinan"), CompanyFactory(city="Dresden")
    page = logged_in.get("/companies/?city=Jinan").get_data(as_text=True)
    assert "All 2 rows matching the filter" in page
    assert 'name="query" value="city=Jinan"' in page


def test_the_service_applies_without_a_request(app):
    companies = [CompanyFactory(), CompanyFactory(status=PipelineStatus.DORMANT)]
    edit = bulk.BulkEdit(bulk.Action.STATUS, status=PipelineStatus.DORMANT)
    assert bulk.apply(edit, companies) == bulk.Outcome(changed=1, skipped=1)
    assert companies[0].status is PipelineStatus.DORMANT


def test_parse_ids_keeps_distinct_numbers_and_counts_the_rest():
    assert bulk.parse_ids(["3", " 4", "3", "x", "", "٣", "1" * 13]) == ([3, 4], 4)


def test_hostile_values_are_refused_on_the_form_and_nothing_changes(logged_in):
    company = CompanyFactory()
    response = post_bulk(logged_in, [company], action="owner", owner_id="99999999999", status="<script>")
    assert response.status_code == 422
    response = post_bulk(logged_in, [company], action="drop table", status="partner")
    assert response.status_code == 422
    db.session.expire_all()
    assert company.owner_id is None and company.status is PipelineStatus.NEW
