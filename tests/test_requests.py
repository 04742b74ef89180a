"""Reading requests: NUL characters are dropped (PostgreSQL cannot store them); numbers past the
INTEGER range are a 404 in a path and a 400 in a query, never a 500."""
import pytest
import sqlalchemy as sa

from crm.extensions import db
from crm.models import Person


def test_a_nul_in_a_form_field_is_dropped_and_the_rest_saved(logged_in):
    response = logged_in.post("/people/new", data={"name": "Anna\x00 Weber", "notes": "\x00line\x00"})
    assert response.status_code == 302
    person = db.session.scalar(sa.select(Person))
    assert (person.name, person.notes) == ("Anna Weber", "line")


def test_a_nul_in_a_search_is_dropped(logged_in):
    response = logged_in.get("/companies/", query_string={"q": "Elbe\x00"})
    assert response.status_code == 200
    assert 'value="Elbe"' in response.get_data(as_text=True)


HUGE = "99999999999999999999999"


def test_an_id_no_record_can_have_is_not_found(logged_in):
    assert logged_in.get(f"/companies/{HUGE}").status_code == 404


@pytest.mark.parametrize("url", [f"/people/new?company_id={HUGE}", f"/companies/?page={HUGE}",
                                 f"/people/?page={HUGE}", f"/follow-ups/?page={HUGE}"])
def test_a_number_past_what_the_database_holds_is_a_bad_request(logged_in, url):
    response = logged_in.get(url)
    assert response.status_code == 400
    assert "A value in the request is out of range" in response.get_data(as_text=True)
