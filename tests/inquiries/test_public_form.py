"""The public inquiry form: no login, consent required, a honeypot and a rate limit per IP."""
import html
import re
from datetime import timedelta

import pytest
import sqlalchemy as sa

from crm import create_app
from crm.extensions import db
from crm.inquiries.forms import CONSENT_TEXT
from crm.models import Inquiry, InquiryStatus, utcnow
from tests.factories import OfficeFactory

VALID = {
    "company_name": "  Elbe Photonics GmbH ",
    "contact_name": "Katrin Weber",
    "email": "k.weber@elbe-photonics.de",
    "phone": "+49 351 123456",
    "country": "DE",
    "sector": "Photonics",
    "offers": "Fibre lasers for welding",
    "seeks": "A partner for sales in Shandong",
    "preferred_office_id": "",
    "consent": "y",
    "company_code": "",
}


def inquiries():
    return db.session.scalars(sa.select(Inquiry)).all()


def test_the_form_is_public_and_has_no_staff_menu(client):
    response = client.get("/inquiry")

    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Cooperation inquiry" in page
    assert str(CONSENT_TEXT) in page
    assert "Log out" not in page and "navbar-nav" not in page
    assert "/static/css/app.css" in page


def test_the_honeypot_is_hidden_by_a_css_class_not_an_inline_style(client):
    page = client.get("/inquiry").get_data(as_text=True)

    honeypot = re.search(r'<div class="d-none" aria-hidden="true">\s*<label[^>]*>[^<]*</label>\s*<input[^>]*>', page)
    assert honeypot and 'name="company_code"' in honeypot.group(0)
    assert "style=" not in page


def test_the_form_offers_the_offices(client, office):
    OfficeFactory(name="Vantaa", timezone="Europe/Helsinki")

    page = client.get("/inquiry").get_data(as_text=True)

    assert ">No preference</option>" in page and ">Dresden</option>" in page and ">Vantaa</option>" in page


def test_an_inquiry_is_stored_with_the_consent_wording_and_time(client, office):
    before = utcnow()

    response = client.post("/inquiry", data={**VALID, "preferred_office_id": office.id})

    assert response.status_code == 302 and response.headers["Location"] == "/inquiry/thanks"
    [inquiry] = inquiries()
    assert (inquiry.company_name, inquiry.contact_name, inquiry.email) == (
        "Elbe Photonics GmbH", "Katrin Weber", "k.weber@elbe-photonics.de"
    )
    assert (inquiry.phone, inquiry.country, inquiry.sector) == ("+49 351 123456", "DE", "Photonics")
    assert (inquiry.offers, inquiry.seeks) == ("Fibre lasers for welding", "A partner for sales in Shandong")
    assert inquiry.preferred_office == office
    assert inquiry.status is InquiryStatus.NEW and inquiry.handled_by is None and inquiry.company is None
    assert inquiry.consent_text == str(CONSENT_TEXT)
    assert before - timedelta(seconds=1) <= inquiry.consent_at <= utcnow()


def test_the_stored_wording_is_the_one_shown_in_the_visitors_language(client):
    german = {"Accept-Language": "de-DE,de;q=0.9"}
    page = client.get("/inquiry", headers=german).get_data(as_text=True)
    shown = re.search(r'<label class="form-check-label" for="consent">([^<]+)</label>', page).group(1)

    client.post("/inquiry", data=VALID, headers=german)

    assert '<html lang="de">' in page
    assert inquiries()[0].consent_text == html.unescape(shown)


def test_the_thank_you_page_is_public(client):
    response = client.get("/inquiry/thanks")

    assert response.status_code == 200
    assert "Thank you for your inquiry" in response.get_data(as_text=True)


def test_optional_fields_may_stay_empty(client):
    data = {**VALID, "phone": "", "country": "", "sector": "", "offers": "", "seeks": ""}

    assert client.post("/inquiry", data=data).status_code == 302

    [inquiry] = inquiries()
    assert (inquiry.phone, inquiry.country, inquiry.sector, inquiry.offers, inquiry.seeks, inquiry.preferred_office) \
        == (None, None, None, None, None, None)


def test_consent_is_required(client):
    data = {key: value for key, value in VALID.items() if key != "consent"}

    response = client.post("/inquiry", data=data)

    assert response.status_code == 200
    assert "Please agree to being contacted" in response.get_data(as_text=True)
    assert inquiries() == []


@pytest.mark.parametrize("field, value, message", [
    ("company_name", "  ", "This field is required."),
    ("contact_name", "", "This field is required."),
    ("email", "not-an-address", "Invalid email address."),
    ("country", "XX", "Not a valid choice."),
    ("preferred_office_id", "999999", "Not a valid choice."),
    ("company_name", "x" * 201, "Field cannot be longer than 200 characters."),
])
def test_bad_input_is_shown_next_to_the_field_and_nothing_is_stored(client, field, value, message):
    response = client.post("/inquiry", data={**VALID, field: value})

    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert re.search(rf'name="{field}"[^>]*>.*?<div class="invalid-feedback">{re.escape(message)}</div>', page, re.S)
    assert inquiries() == []


def test_a_filled_honeypot_thanks_the_robot_and_stores_nothing(client):
    response = client.post("/inquiry", data={**VALID, "company_code": "SPAM-123"})

    assert response.status_code == 302 and response.headers["Location"] == "/inquiry/thanks"
    assert inquiries() == []


def test_a_filled_honeypot_wins_even_over_an_invalid_form(client):
    response = client.post("/inquiry", data={"company_code": "x", "email": "junk"})

    assert response.status_code == 302 and response.headers["Location"] == "/inquiry/thanks"
    assert inquiries() == []


def test_the_sixth_inquiry_within_an_hour_from_one_address_gets_a_friendly_429(client):
    for _ in range(5):
        assert client.post("/inquiry", data=VALID).status_code == 302

    response = client.post("/inquiry", data=VALID)

    page = response.get_data(as_text=True)
    assert response.status_code == 429
    assert "Too many inquiries" in page and "Log out" not in page
    assert len(inquiries()) == 5


def test_the_limit_counts_per_address(client):
    for _ in range(5):
        client.post("/inquiry", data=VALID, environ_base={"REMOTE_ADDR": "203.0.113.7"})

    response = client.post("/inquiry", data=VALID, environ_base={"REMOTE_ADDR": "198.51.100.20"})

    assert response.status_code == 302
    assert len(inquiries()) == 6


def test_rejected_and_honeypot_posts_count_too_but_reading_the_form_does_not(client):
    for _ in range(3):
        client.post("/inquiry", data={**VALID, "company_code": "bot"})
    for _ in range(2):
        client.post("/inquiry", data={**VALID, "email": "junk"})
    for _ in range(10):
        assert client.get("/inquiry").status_code == 200

    assert client.post("/inquiry", data=VALID).status_code == 429


# --- with CSRF switched on, as in production ---

@pytest.fixture
def csrf_client(app):
    protected = create_app("config.TestConfig", {
        "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
        "WTF_CSRF_ENABLED": True,
    })
    protected.test_client_class = type(app.test_client())
    yield protected.test_client()
    with protected.app_context():
        db.engine.dispose()


def test_an_inquiry_without_the_csrf_token_is_refused(csrf_client):
    response = csrf_client.post("/inquiry", data=VALID)

    assert response.status_code == 400
    assert inquiries() == []


def test_an_inquiry_with_the_forms_csrf_token_is_accepted(csrf_client):
    page = csrf_client.get("/inquiry").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)

    response = csrf_client.post("/inquiry", data={**VALID, "csrf_token": token})

    assert response.status_code == 302
    assert len(inquiries()) == 1
