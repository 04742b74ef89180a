"""A company's alternative names and registration number, and its relations to other organisations."""
import sqlalchemy as sa

from crm.extensions import db
from crm.services import history
from crm.models import (
    Agreement,
    AgreementKind,
    AlternativeName,
    Company,
    CompanyRelation,
    NameKind,
    RegistrationKind,
    RelationKind,
)
from tests.factories import CompanyFactory

BASE = {"kind": "enterprise", "status": "new"}


def post_company(client, company=None, **data):
    url = f"/companies/{company.id}/edit" if company else "/companies/new"
    return client.post(url, data={"name": "Jinan Laser Co., Ltd.", **BASE, **data})


def companies():
    return db.session.scalars(sa.select(Company).order_by(Company.id)).all()


# --- registration numbers ---

def test_a_registration_number_is_checked_and_stored_the_one_way(logged_in):
    response = post_company(logged_in, registration_kind="cn_uscc", registration_number="9111 0000 8021 0043 3b")
    assert response.status_code == 302
    [company] = companies()
    assert (company.registration_kind, company.registration_number) == (RegistrationKind.CN_USCC, "91110000802100433B")
    assert "91110000802100433B" in logged_in.get(f"/companies/{company.id}").get_data(as_text=True)


def test_a_wrong_check_digit_is_refused_on_the_field_and_nothing_is_saved(logged_in):
    response = post_company(logged_in, registration_kind="fi_business_id", registration_number="0112038-8")
    assert response.status_code == 200
    assert "The check digit of this Finnish Business ID is wrong." in response.get_data(as_text=True)
    assert companies() == []


def test_a_number_needs_its_kind(logged_in):
    response = post_company(logged_in, registration_number="HRB 12345")
    assert "Choose what kind of registration number this is." in response.get_data(as_text=True)


def test_a_handelsregister_number_needs_its_court(logged_in):
    response = post_company(logged_in, registration_kind="de_hr", registration_number="HRB 12345")
    assert "A Handelsregister number needs its register court." in response.get_data(as_text=True)
    assert companies() == []


def test_a_second_company_with_the_same_number_is_refused_naming_the_first(logged_in):
    CompanyFactory(name="Dresden Optics GmbH", registration_kind=RegistrationKind.DE_HR,
                   registration_number="HRB 12345", registration_court="Amtsgericht Dresden")
    response = post_company(logged_in, name="Dresden Optik", registration_kind="de_hr",
                            registration_number="hrb12345", registration_court="amtsgericht dresden")
    assert "Dresden Optics GmbH already has this registration number" in response.get_data(as_text=True)
    assert len(companies()) == 1


def test_the_same_number_at_another_court_is_another_company(logged_in):
    CompanyFactory(registration_kind=RegistrationKind.DE_HR, registration_number="HRB 12345",
                   registration_court="Amtsgericht Dresden")
    response = post_company(logged_in, registration_kind="de_hr", registration_number="HRB 12345",
                            registration_court="Amtsgericht Leipzig")
    assert response.status_code == 302 and len(companies()) == 2


def test_a_company_keeps_its_own_number_when_edited(logged_in):
    company = CompanyFactory(registration_kind=RegistrationKind.FI_BUSINESS_ID, registration_number="0112038-9")
    response = post_company(logged_in, company, registration_kind="fi_business_id", registration_number="0112038-9")
    assert response.status_code == 302


# --- alternative names ---

def test_alternative_names_are_saved_without_blank_rows_or_repeats(logged_in):
    response = post_company(logged_in, **{
        "alternative_names-0-name": "JIER", "alternative_names-0-kind": "abbreviation",
        "alternative_names-1-name": "", "alternative_names-1-kind": "other",
        "alternative_names-2-name": "jier", "alternative_names-2-kind": "other",
        "alternative_names-3-name": "Jinan Laser Works", "alternative_names-3-kind": "former",
    })
    assert response.status_code == 302
    [company] = companies()
    assert [(a.name, a.kind) for a in company.alternative_names] == [
        ("JIER", NameKind.ABBREVIATION), ("Jinan Laser Works", NameKind.FORMER)]
    page = logged_in.get(f"/companies/{company.id}").get_data(as_text=True)
    assert "JIER" in page and "Former name" in page


def test_the_edit_form_shows_the_names_and_empty_rows_for_more(logged_in):
    company = CompanyFactory(alternative_names=[AlternativeName(name="JIER", kind=NameKind.ABBREVIATION)])
    page = logged_in.get(f"/companies/{company.id}/edit").get_data(as_text=True)
    assert 'name="alternative_names-0-name" type="text" value="JIER"' in page
    assert 'name="alternative_names-2-name"' in page


def test_an_emptied_row_removes_the_name(logged_in):
    company = CompanyFactory(alternative_names=[AlternativeName(name="JIER")])
    post_company(logged_in, company, **{"alternative_names-0-name": "", "alternative_names-0-kind": "other"})
    assert db.session.scalar(sa.select(sa.func.count()).select_from(AlternativeName)) == 0


# --- relations ---

def test_a_relation_added_by_name_shows_on_both_pages(logged_in):
    parent = CompanyFactory(name="Jinan Hi-tech Holding")
    child = CompanyFactory(name="Jinan Laser Co., Ltd.")
    response = logged_in.post(f"/companies/{child.id}/relations", data={"kind": "subsidiary_of",
                                                                       "other": "jinan hi-tech holding"})
    assert response.status_code == 302
    [relation] = db.session.scalars(sa.select(CompanyRelation)).all()
    assert (relation.company, relation.related, relation.kind) == (child, parent, RelationKind.SUBSIDIARY_OF)
    assert "Subsidiary of" in logged_in.get(f"/companies/{child.id}").get_data(as_text=True)
    assert "Parent of" in logged_in.get(f"/companies/{parent.id}").get_data(as_text=True)


def test_a_relation_entered_from_the_other_end_is_stored_the_right_way_round(logged_in):
    association = CompanyFactory(name="Silicon Saxony")
    member = CompanyFactory(name="Dresden Chips GmbH")
    logged_in.post(f"/companies/{association.id}/relations", data={"kind": "~member_of", "other": "Dresden Chips GmbH"})
    relation = db.session.scalar(sa.select(CompanyRelation))
    assert (relation.company, relation.related, relation.kind) == (member, association, RelationKind.MEMBER_OF)


def test_partners_name_the_agreement_that_made_them_partners(logged_in):
    tzd, zone = CompanyFactory(name="Dresden Technology Center"), CompanyFactory(name="Jinan Hi-tech Zone")
    mou = Agreement(kind=AgreementKind.MOU, title="MoU on business cooperation", parties=[tzd, zone])
    db.session.add(mou)
    db.session.commit()
    logged_in.post(f"/companies/{tzd.id}/relations", data={"kind": "partner_of", "other": "Jinan Hi-tech Zone",
                                                           "agreement_id": mou.id})
    page = logged_in.get(f"/companies/{zone.id}").get_data(as_text=True)
    assert "Partner of" in page and "MoU on business cooperation" in page


def test_an_ambiguous_name_lists_the_candidates_and_adds_nothing(logged_in):
    company = CompanyFactory()
    CompanyFactory(name="Optics GmbH", city="Dresden")
    CompanyFactory(name="Optics GmbH", city="Jena")
    page = logged_in.post(f"/companies/{company.id}/relations", data={"kind": "partner_of", "other": "Optics GmbH"},
                          follow_redirects=True).get_data(as_text=True)
    assert "Several organisations are called “Optics GmbH”" in page and "(Jena)" in page
    assert db.session.scalar(sa.select(sa.func.count()).select_from(CompanyRelation)) == 0


def test_a_company_cannot_be_related_to_itself(logged_in):
    company = CompanyFactory(name="Solo GmbH")
    page = logged_in.post(f"/companies/{company.id}/relations", data={"kind": "partner_of", "other": f"#{company.id}"},
                          follow_redirects=True).get_data(as_text=True)
    assert "A company cannot be related to itself." in page


def test_a_relation_is_removed_from_either_end(logged_in):
    one, other = CompanyFactory(), CompanyFactory()
    relation = CompanyRelation(company=one, related=other, kind=RelationKind.PARTNER_OF)
    db.session.add(relation)
    db.session.commit()
    assert logged_in.post(f"/companies/{other.id}/relations/{relation.id}/delete").status_code == 302
    assert db.session.scalar(sa.select(sa.func.count()).select_from(CompanyRelation)) == 0


def test_a_relation_cannot_be_removed_through_an_unrelated_company(logged_in):
    one, other, stranger = CompanyFactory(), CompanyFactory(), CompanyFactory()
    relation = CompanyRelation(company=one, related=other, kind=RelationKind.PARTNER_OF)
    db.session.add(relation)
    db.session.commit()
    assert logged_in.post(f"/companies/{stranger.id}/relations/{relation.id}/delete").status_code == 404


def test_viewers_cannot_add_relations(client, auth, viewer):
    one = CompanyFactory()
    CompanyFactory(name="Other GmbH")
    auth.login(viewer)
    assert client.post(f"/companies/{one.id}/relations", data={"kind": "partner_of", "other": "Other GmbH"}
                       ).status_code == 403


def test_a_relation_to_a_company_in_the_trash_is_left_out_until_it_comes_back(logged_in, manager):
    one, other = CompanyFactory(name="Dresden Optics"), CompanyFactory(name="Gone GmbH")
    db.session.add(CompanyRelation(company=one, related=other, kind=RelationKind.PARTNER_OF))
    db.session.commit()
    history.soft_delete(other, manager.id)
    db.session.commit()
    page = logged_in.get(f"/companies/{one.id}").get_data(as_text=True)
    assert "Gone GmbH" not in page.split('id="relations"')[1].split("</ul>")[0]


def test_an_unknown_registration_kind_is_a_field_error_not_a_crash(logged_in):
    response = post_company(logged_in, registration_kind="us_ein", registration_number="12-3456789")
    assert response.status_code == 200 and "Not a valid choice" in response.get_data(as_text=True)
    assert companies() == []
