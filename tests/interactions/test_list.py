"""The contact list: every interaction, newest first, filtered by words, channel, office, author and
dates (whole days in the user's office clock), exported as it is filtered."""
import csv
import io
from datetime import datetime

from crm.models import Channel
from tests.factories import CompanyFactory, InteractionFactory, OfficeFactory, UserFactory


def rows(client, **args) -> list[str]:
    page = client.get("/interactions/", query_string=args).get_data(as_text=True)
    body = page.split('id="interactions"', 1)[1]
    return [summary for summary in ("WeChat with Li", "Call with Anna", "Visit in Vantaa") if summary in body]


def test_everyone_sees_the_contacts_newest_first(logged_in, staff):
    InteractionFactory(author=staff, summary="Call with Anna", occurred_at=datetime(2026, 11, 2, 9, 0))
    InteractionFactory(author=staff, summary="WeChat with Li", occurred_at=datetime(2026, 11, 3, 9, 0))
    page = logged_in.get("/interactions/").get_data(as_text=True)
    assert page.index("WeChat with Li") < page.index("Call with Anna")


def test_filters_by_words_channel_office_and_author(logged_in, staff):
    vantaa = UserFactory(office=OfficeFactory(name="Vantaa"))
    InteractionFactory(author=staff, summary="WeChat with Li", channel=Channel.WECHAT,
                       company=CompanyFactory(name="Jinan Laser", name_local="济南激光"))
    InteractionFactory(author=staff, summary="Call with Anna")
    InteractionFactory(author=vantaa, summary="Visit in Vantaa", channel=Channel.VISIT)
    assert rows(logged_in, q="激光") == ["WeChat with Li"]
    assert rows(logged_in, q="anna") == ["Call with Anna"]
    assert rows(logged_in, channel="visit") == ["Visit in Vantaa"]
    assert rows(logged_in, office_id=vantaa.office_id) == ["Visit in Vantaa"]
    assert rows(logged_in, author_id=staff.id) == ["WeChat with Li", "Call with Anna"]


def test_dates_are_whole_days_in_the_users_clock(logged_in, staff):
    # 23:30 UTC on 1 November is 2 November in Berlin (the staff's office), 00:30.
    InteractionFactory(author=staff, summary="Call with Anna", occurred_at=datetime(2026, 11, 1, 23, 30))
    assert rows(logged_in, date_from="2026-11-02", date_to="2026-11-02") == ["Call with Anna"]
    assert rows(logged_in, date_to="2026-11-01") == []


def test_a_bad_date_names_the_field(logged_in):
    page = logged_in.get("/interactions/?date_from=yesterday").get_data(as_text=True)
    assert "Not a valid date value." in page


def test_the_export_has_the_filtered_rows(logged_in, staff):
    InteractionFactory(author=staff, summary="Call with Anna")
    InteractionFactory(author=staff, summary="WeChat with Li", channel=Channel.WECHAT)
    response = logged_in.get("/interactions/?channel=wechat&format=csv")
    table = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))
    assert table[0][:3] == ["Date and time", "Company", "Channel"]
    assert [row[3] for row in table[1:]] == ["WeChat with Li"]


def test_the_list_runs_the_same_statements_for_3_or_30_contacts(logged_in, staff, count_queries):
    def statements(count):
        for _ in range(count):
            InteractionFactory(author=staff)
        with count_queries() as seen:
            logged_in.get("/interactions/")
        return len(seen)

    assert statements(3) == statements(27)


def test_others_confidential_contacts_are_left_out_for_staff(logged_in, staff):
    InteractionFactory(summary="Call with Anna", confidential=True)
    InteractionFactory(author=staff, summary="WeChat with Li", confidential=True)
    assert rows(logged_in) == ["WeChat with Li"]
    assert "Call with Anna" not in logged_in.get("/interactions/?format=csv").data.decode("utf-8-sig")


def test_managers_see_confidential_contacts(client, auth, manager):
    InteractionFactory(summary="Call with Anna", confidential=True)
    auth.login(manager)
    assert rows(client) == ["Call with Anna"]
