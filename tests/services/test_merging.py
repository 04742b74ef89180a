"""Merging two companies: chosen values survive, everything attached moves, the merge is recorded."""
from datetime import date, datetime

import pytest
import sqlalchemy as sa

from crm.extensions import db
from crm.models import (
    Affiliation,
    Agreement,
    AgreementKind,
    AlternativeName,
    Channel,
    Company,
    CompanyRelation,
    Delegation,
    DelegationMember,
    Event,
    FollowUp,
    Inquiry,
    Interaction,
    Meeting,
    MeetingRequest,
    NameKind,
    Participant,
    PipelineStatus,
    RegistrationKind,
    RelationKind,
    Visit,
)
from crm.services.merging import MergeError, merge_companies
from tests.factories import (
    AffiliationFactory,
    CompanyFactory,
    FollowUpFactory,
    InteractionFactory,
    PersonFactory,
    SectorFactory,
    TagFactory,
)
from tests.visibility import visible


@pytest.fixture
def pair():
    survivor = CompanyFactory(name="Müller Technik GmbH", city="Dresden", phone=None, status=PipelineStatus.NEW)
    other = CompanyFactory(name="Mueller Technik", city="Leipzig", phone="+49 351 1", status=PipelineStatus.PARTNER)
    return survivor, other


def saved(*objects):
    db.session.add_all(objects)
    db.session.commit()
    return objects[0] if len(objects) == 1 else objects


def merge(survivor, other, by, take=()):
    result = merge_companies(survivor, other, set(take), by)
    db.session.commit()
    return result


def event(name="Jinan Fair 2026"):
    return saved(Event(name=name, starts_on=date(2026, 11, 20), ends_on=date(2026, 11, 21)))


def test_the_survivor_keeps_its_values_unless_the_others_are_chosen(pair, manager):
    survivor, other = pair
    merge(survivor, other, manager, take={"phone", "status"})
    assert (survivor.name, survivor.city, survivor.phone, survivor.status) == (
        "Müller Technik GmbH", "Dresden", "+49 351 1", PipelineStatus.PARTNER)


def test_the_other_company_is_deleted(pair, manager):
    survivor, other = pair
    other_id = other.id
    merge(survivor, other, manager)
    assert visible(Company, other_id) is None
    assert db.session.get(Company, survivor.id) is survivor


def test_people_move_and_a_person_with_the_same_role_at_both_is_kept_once(pair, manager):
    survivor, other = pair
    anna, li = PersonFactory(name="Anna"), PersonFactory(name="Li Wei")
    AffiliationFactory(person=anna, company=survivor, title="CEO")
    AffiliationFactory(person=anna, company=other, title="CEO")
    AffiliationFactory(person=li, company=other, title="Sales")
    result = merge(survivor, other, manager)
    affiliations = db.session.scalars(sa.select(Affiliation).order_by(Affiliation.id)).all()
    assert [(a.person.name, a.company_id) for a in affiliations] == [("Anna", survivor.id), ("Li Wei", survivor.id)]
    assert result.moved["people"] == 1


def test_interactions_and_follow_ups_move(pair, manager):
    survivor, other = pair
    InteractionFactory(company=other, author=manager)
    FollowUpFactory(company=other, assignee=manager)
    merge(survivor, other, manager)
    assert db.session.scalars(sa.select(FollowUp.company_id)).all() == [survivor.id]
    companies = db.session.scalars(sa.select(Interaction.company_id)).all()
    assert set(companies) == {survivor.id}


def test_fair_participations_move(pair, manager):
    survivor, other = pair
    fair = event()
    saved(Participant(event=fair, company=other, offers="lasers"))
    merge(survivor, other, manager)
    participant = db.session.scalar(sa.select(Participant))
    assert participant.company_id == survivor.id and participant.offers == "lasers"


def test_when_both_took_part_in_one_event_one_participation_is_kept_with_its_meetings(pair, manager):
    survivor, other = pair
    fair = event()
    third = CompanyFactory(name="Third AG")
    ours = saved(Participant(event=fair, company=survivor))
    theirs = saved(Participant(event=fair, company=other, seeks="partners", people=[PersonFactory(name="Li Wei")]))
    guest = saved(Participant(event=fair, company=third))
    saved(MeetingRequest(event_id=fair.id, requester=theirs, counterpart=guest),
          MeetingRequest(event_id=fair.id, requester=ours, counterpart=theirs),
          Meeting(event_id=fair.id, a=theirs, b=guest, slot=1, table_number=1))
    result = merge(survivor, other, manager)
    participants = db.session.scalars(sa.select(Participant).order_by(Participant.id)).all()
    assert [p.id for p in participants] == [ours.id, guest.id]
    assert ours.seeks == "partners" and [p.name for p in ours.people] == ["Li Wei"]
    requests = db.session.execute(sa.select(MeetingRequest.requester_id, MeetingRequest.counterpart_id)).all()
    assert requests == [(ours.id, guest.id)]  # the request between the two halves is gone
    assert db.session.execute(sa.select(Meeting.a_id, Meeting.b_id)).all() == [(ours.id, guest.id)]
    assert "Jinan Fair 2026" in " ".join(result.notes)
    assert "Jinan Fair 2026" in result.record.summary


def test_delegation_memberships_visits_and_led_delegations_move(pair, manager):
    survivor, other = pair
    trip = saved(Delegation(name="Dresden tour", starts_on=date(2026, 5, 1), ends_on=date(2026, 5, 5),
                            leading_institution=other))
    ours = saved(DelegationMember(delegation=trip, company=survivor))
    theirs = saved(DelegationMember(delegation=trip, company=other, interests="chips"))
    visit = saved(Visit(delegation=trip, starts_at=datetime(2026, 5, 2, 9), host_company=other, members=[theirs]))
    result = merge(survivor, other, manager)
    assert db.session.scalars(sa.select(DelegationMember.id)).all() == [ours.id]
    assert ours.interests == "chips"
    db.session.refresh(visit)
    assert visit.host_company_id == survivor.id and [m.id for m in visit.members] == [ours.id]
    db.session.refresh(trip)
    assert trip.leading_institution_id == survivor.id
    assert any("Dresden tour" in note for note in result.notes)


def test_agreement_parties_move_and_a_shared_agreement_keeps_the_survivor_once(pair, manager):
    survivor, other = pair
    shared = saved(Agreement(kind=AgreementKind.MOU, title="MoU", parties=[survivor, other]))
    theirs = saved(Agreement(kind=AgreementKind.LETTER_OF_INTENT, title="LoI", parties=[other]))
    merge(survivor, other, manager)
    db.session.refresh(shared)
    db.session.refresh(theirs)
    assert [c.id for c in shared.parties] == [survivor.id]
    assert [c.id for c in theirs.parties] == [survivor.id]


def test_inquiries_move(pair, manager):
    survivor, other = pair
    inquiry = saved(Inquiry(company_name="Mueller", contact_name="Anna", email="a@m.de",
                            consent_at=datetime(2026, 1, 1), consent_text="yes", company=other))
    merge(survivor, other, manager)
    db.session.refresh(inquiry)
    assert inquiry.company_id == survivor.id


def test_sectors_and_tags_are_united(pair, manager):
    survivor, other = pair
    laser, optics = SectorFactory(name="Laser"), SectorFactory(name="Optics")
    survivor.sectors = [laser]
    other.sectors = [laser, optics]
    other.tags = [TagFactory(name="vip")]
    db.session.commit()
    merge(survivor, other, manager)
    db.session.refresh(survivor)
    assert [s.name for s in survivor.sectors] == ["Laser", "Optics"]
    assert [t.name for t in survivor.tags] == ["vip"]


def test_the_merge_is_recorded_in_the_survivors_history(pair, manager):
    survivor, other = pair
    other_id = other.id
    result = merge(survivor, other, manager, take={"phone"})
    record = db.session.scalar(sa.select(Interaction).where(Interaction.channel == Channel.OTHER))
    assert record is result.record
    assert (record.company_id, record.author_id, record.office_id) == (survivor.id, manager.id, manager.office_id)
    assert record.summary.startswith(f"Merged with Mueller Technik (#{other_id}) by {manager.name}: ")
    assert "fields taken from Mueller Technik: phone" in record.summary


def test_a_company_cannot_be_merged_with_itself(pair, manager):
    survivor, _other = pair
    with pytest.raises(MergeError):
        merge_companies(survivor, survivor, set(), manager)


def test_unknown_fields_are_refused(pair, manager):
    survivor, other = pair
    with pytest.raises(MergeError):
        merge_companies(survivor, other, {"password"}, manager)


def test_the_others_names_stay_findable_as_alternative_names(pair, manager):
    survivor, other = pair
    other.name_local = "穆勒技术"
    other.alternative_names = [AlternativeName(name="MT", kind=NameKind.ABBREVIATION)]
    db.session.commit()
    merge(survivor, other, manager)
    assert [(a.name, a.kind) for a in survivor.alternative_names] == [
        ("Mueller Technik", NameKind.OTHER), ("穆勒技术", NameKind.OTHER), ("MT", NameKind.ABBREVIATION)]


def test_the_others_registration_fills_a_blank_one(pair, manager):
    survivor, other = pair
    other.registration_kind, other.registration_number = RegistrationKind.DE_HR, "HRB 1"
    other.registration_court = "Amtsgericht Leipzig"
    db.session.commit()
    merge(survivor, other, manager)
    assert (survivor.registration_number, survivor.registration_court) == ("HRB 1", "Amtsgericht Leipzig")


def test_a_different_registration_is_kept_and_pointed_out(pair, manager):
    survivor, other = pair
    survivor.registration_kind = other.registration_kind = RegistrationKind.DE_HR
    survivor.registration_number, other.registration_number = "HRB 1", "HRB 2"
    db.session.commit()
    result = merge(survivor, other, manager)
    assert survivor.registration_number == "HRB 1"
    assert any("HRB 2" in note for note in result.notes)


def test_relations_move_once_and_a_link_between_the_two_disappears(pair, manager):
    survivor, other = pair
    association, daughter = CompanyFactory(name="Silicon Saxony"), CompanyFactory(name="Müller Sachsen")
    saved(CompanyRelation(company=survivor, related=association, kind=RelationKind.MEMBER_OF),
          CompanyRelation(company=other, related=association, kind=RelationKind.MEMBER_OF),
          CompanyRelation(company=other, related=survivor, kind=RelationKind.SUBSIDIARY_OF),
          CompanyRelation(company=daughter, related=other, kind=RelationKind.SUBSIDIARY_OF))
    merge(survivor, other, manager)
    relations = db.session.scalars(sa.select(CompanyRelation).order_by(CompanyRelation.id)).all()
    assert [(r.company.name, r.kind, r.related.name) for r in relations] == [
        ("Müller Technik GmbH", RelationKind.MEMBER_OF, "Silicon Saxony"),
        ("Müller Sachsen", RelationKind.SUBSIDIARY_OF, "Müller Technik GmbH")]
