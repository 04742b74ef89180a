"""Which language a page is shown in: the URL's ?lang=, the user's choice, the one
picked on the login page, the browser's."""
import pytest

from crm.extensions import db


def page_language(response) -> str:
    return response.get_data(as_text=True).split('<html lang="', 1)[1].split('"', 1)[0]


def test_an_anonymous_visitor_gets_the_browsers_language(client):
    assert page_language(client.get("/login", headers={"Accept-Language": "de-DE,de;q=0.9"})) == "de"


def test_the_login_page_offers_every_language(client):
    page = client.get("/login").get_data(as_text=True)

    for code, name in (("en", "English"), ("zh", "中文"), ("de", "Deutsch"), ("fi", "Suomi")):
        assert f'name="language" value="{code}" lang="{code}"' in page and name in page


def test_the_language_picked_on_the_login_page_is_remembered(client):
    response = client.post("/language", data={"language": "zh", "next": "/login?next=/companies/"})

    assert response.status_code == 302 and response.headers["Location"] == "/login?next=/companies/"
    assert page_language(client.get("/login", headers={"Accept-Language": "de"})) == "zh"


def test_an_unknown_language_or_a_foreign_next_is_ignored(client):
    response = client.post("/language", data={"language": "xx", "next": "https://evil.example/"})

    assert response.headers["Location"] == "/login"
    assert "Set-Cookie" not in response.headers


def test_lang_in_the_url_shows_that_page_in_that_language(client):
    assert page_language(client.get("/login?lang=fi", headers={"Accept-Language": "de"})) == "fi"


def test_the_users_own_language_beats_the_one_picked_before_logging_in(client, auth, staff):
    staff.language = "de"
    db.session.commit()
    client.post("/language", data={"language": "zh"})
    auth.login(staff)

    assert page_language(client.get("/account/")) == "de"


def test_a_user_who_leaves_it_to_the_browser_keeps_the_language_picked_at_login(client, auth, staff):
    staff.language = None
    db.session.commit()
    client.post("/language", data={"language": "zh"})
    auth.login(staff)

    assert page_language(client.get("/account/", headers={"Accept-Language": "de"})) == "zh"


@pytest.mark.parametrize("language, heading", [
    ("de", "Bei Jadebridge anmelden"), ("zh", "登录 Jadebridge"), ("fi", "Kirjaudu Jadebridgeen"),
])
def test_the_login_page_is_translated(client, language, heading):
    page = client.get("/login", headers={"Accept-Language": language}).get_data(as_text=True)

    assert heading in page
