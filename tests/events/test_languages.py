"""Fair pages in Chinese and German: translated, with dates and times in the reader's
locale and the fair's time zone named, since offices in other zones share them."""
import pytest

from crm.extensions import db


@pytest.mark.parametrize("language, day, zone_note", [
    ("de", "Montag, 22. September 2025", "Zeiten in Europe/Berlin"),
    ("zh", "2025年9月22日星期一", "时间以 Europe/Berlin 为准"),
])
def test_the_availability_form_reads_in_the_users_language_and_names_the_zone(
        logged_in, staff, fair, language, day, zone_note):
    staff.language = language
    db.session.commit()

    page = logged_in.get(f"/events/{fair.id}/participants/new").get_data(as_text=True)

    assert day in page and "10:30–11:00" in page and zone_note in page


@pytest.mark.parametrize("language, caption", [("de", "Zeiten in Europe/Berlin"), ("zh", "时间以 Europe/Berlin 为准")])
def test_the_schedule_grid_names_the_fairs_zone(logged_in, staff, fair, language, caption):
    staff.language = language
    db.session.commit()

    page = logged_in.get(f"/events/{fair.id}/schedule").get_data(as_text=True)

    assert caption in page and "09:00–09:30" in page
