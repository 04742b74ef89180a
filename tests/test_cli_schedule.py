"""`crm schedule-solve INSTANCE.json [--time-limit SECONDS]`."""
import json

import pytest

from crm.services.scheduling import Meeting, check_schedule, parse_instance

INSTANCE = {
    "slots": 3,
    "tables": 2,
    "participants": [
        {"id": "J01", "side": "A", "available": [0, 1]},
        {"id": "J02", "side": "A"},
        {"id": "D17", "side": "B"},
        {"id": "D18", "side": "B", "available": [2]},
    ],
    "requests": [
        {"a": "J01", "b": "D17", "priority": 3},
        {"a": "D17", "b": "J01", "priority": 1},
        {"a": "J02", "b": "D17"},
        {"a": "J01", "b": "D18", "priority": 2},
    ],
}


@pytest.fixture
def write(tmp_path):
    def write(data, name="instance.json"):
        path = tmp_path / name
        path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
        return str(path)

    return write


def solve_file(runner, path, *options):
    return runner.invoke(args=["schedule-solve", path, "--time-limit", "2", *options])


def test_prints_the_schedule_as_json(runner, write):
    result = solve_file(runner, write(INSTANCE))
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    meetings = [Meeting(**m) for m in out["meetings"]]
    assert check_schedule(parse_instance(INSTANCE), meetings) == []
    assert {(m.a, m.b) for m in meetings} == {("J01", "D17"), ("J02", "D17")}
    assert all(1 <= m.table <= 2 and 0 <= m.slot < 3 for m in meetings)
    assert (out["objective"], out["bound"], out["status"]) == (4, 4, "optimal")
    assert out["unscheduled"] == [
        {"a": "J01", "b": "D18", "priority": 2, "reason": "no common available slot", "code": "no_common_slot"}]
    assert (out["placed"], out["requested"]) == (2, 3)


def test_keeps_locked_meetings_and_respects_max_meetings(runner, write):
    data = json.loads(json.dumps(INSTANCE))
    data["participants"][2]["max_meetings"] = 1
    data["locked"] = [{"a": "J02", "b": "D17", "slot": 1, "table": 2}]
    out = json.loads(solve_file(runner, write(data)).stdout)
    assert out["meetings"] == [{"a": "J02", "b": "D17", "slot": 1, "table": 2}]
    assert out["unscheduled"][0]["reason"] == "D17 reached its maximum of 1 meetings"
    assert out["bound"] == 1


def test_reads_standard_input_for_a_dash(runner):
    result = runner.invoke(args=["schedule-solve", "-", "--time-limit", "1"], input=json.dumps(INSTANCE))
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["objective"] == 4


@pytest.mark.parametrize("text, message", [
    ('{"slots": 3,', "malformed JSON: Expecting property name enclosed in double quotes at line 1 column 13"),
    ("[]", "the instance must be a JSON object, not an array"),
    (json.dumps({**INSTANCE, "requests": [{"a": "J01", "b": "X99"}]}), "request 0: unknown participant 'X99'"),
    (json.dumps({**INSTANCE, "requests": [{"a": "J01", "b": "J01"}]}), "request 0: J01 cannot meet itself"),
    (json.dumps({**INSTANCE, "participants": [{"id": "J01", "side": "A", "available": [3]}]}),
     "participant J01: slot 3 is out of range 0-2"),
    (json.dumps({"slots": 3, "participants": [], "requests": []}), 'the instance: missing key "tables"'),
    (json.dumps({**INSTANCE, "tables": "two"}), 'tables must be a whole number, not "two"'),
    (json.dumps({**INSTANCE, "requests": [{"a": "J01", "b": "D17", "priority": "high"}]}),
     'requests[0].priority must be a whole number, not "high"'),
    (json.dumps({**INSTANCE, "locked": [{"a": "J01", "b": "D17", "slot": 9, "table": 1}]}),
     "locked meeting J01-D17: slot 9 is out of range 0-2"),
])
def test_bad_input_exits_2_with_one_line_naming_the_problem(runner, write, text, message):
    result = solve_file(runner, write(text))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output


def test_an_unreadable_file_exits_2(runner, tmp_path):
    result = solve_file(runner, str(tmp_path / "missing.json"))
    assert result.exit_code == 2
    assert result.stderr.strip() == f"Error: cannot read {tmp_path / 'missing.json'}: No such file or directory"


def test_a_time_limit_of_zero_is_refused(runner, write):
    result = solve_file(runner, write(INSTANCE), "--time-limit", "0")
    assert result.exit_code == 2
    assert "--time-limit must be more than 0 seconds" in result.stderr
