"""The X-SQL-Statements header the benchmark reads: on only when COUNT_SQL_STATEMENTS is set."""
from crm import create_app


def test_without_the_setting_responses_do_not_say_how_many_statements_they_ran(client):
    assert "X-SQL-Statements" not in client.get("/health").headers


def test_with_the_setting_each_response_says_how_many_statements_it_ran(tmp_path):
    app = create_app("config.TestConfig", {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/count.sqlite",
                                           "COUNT_SQL_STATEMENTS": True})
    client = app.test_client()
    assert client.get("/health").headers["X-SQL-Statements"] == "1"
    assert client.get("/login").headers["X-SQL-Statements"] == "0"
