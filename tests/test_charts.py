"""The SVG charts: well-formed, labelled, one pattern per series, numbers written out."""
import xml.etree.ElementTree as ET

import pytest

from crm.charts import Series, bar_chart, columns, line_chart, stacked_chart

SVG = "{http://www.w3.org/2000/svg}"
TWO = [Series("Dresden", [3, 0, 5]), Series("Jinan", [1, 2, 0])]
MONTHS = ["Jan", "Feb", "Mar"]


def parse(markup) -> ET.Element:
    """The chart's <svg> (inside its <figure>)."""
    return ET.fromstring(str(markup)).find(f"{SVG}svg")


def texts(root: ET.Element) -> list[str]:
    return [element.text for element in root.iter(f"{SVG}text")]


def fills(root: ET.Element) -> list[str]:
    return [rect.get("fill") for rect in root.iter(f"{SVG}rect") if rect.get("width") not in ("8", None)]


@pytest.mark.parametrize("draw", [bar_chart, stacked_chart, line_chart])
def test_every_chart_is_an_accessible_image_captioned_with_its_title(draw):
    figure = ET.fromstring(str(draw("c1", "Contacts per month", MONTHS, TWO)))
    root = figure.find(f"{SVG}svg")
    assert figure.find("figcaption").text == "Contacts per month"
    assert figure.find("figcaption").get("id") == "c1-title"
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "c1-title c1-desc"
    assert "Dresden: Jan 3, Feb 0, Mar 5" in root.find(f"{SVG}desc").text


@pytest.mark.parametrize("draw", [bar_chart, stacked_chart, line_chart])
def test_labels_are_escaped(draw):
    figure = ET.fromstring(str(draw("c1", "<b>", ["<script>"], [Series("A & B", [1])])))
    root = figure.find(f"{SVG}svg")
    assert figure.find("figcaption").text == "<b>"
    assert "<script>" in texts(root)
    assert root.find(f"{SVG}desc").text == "A & B: <script> 1"


@pytest.mark.parametrize("draw", [bar_chart, stacked_chart, line_chart])
def test_a_series_of_the_wrong_length_is_refused(draw):
    with pytest.raises(ValueError, match="'Jinan' has 1 values for 3 labels"):
        draw("c1", "t", MONTHS, [Series("Jinan", [1])])


def test_negative_values_are_refused():
    with pytest.raises(ValueError, match="negative"):
        bar_chart("c1", "t", ["a"], [Series("Jinan", [-1])])


def test_bar_chart_writes_each_value_beside_its_bar():
    root = parse(bar_chart("c1", "t", MONTHS, TWO))
    assert [t for t in texts(root) if t.isdigit()] == ["3", "1", "0", "2", "5", "0"]


def test_bar_lengths_are_proportional_to_the_largest_value():
    root = parse(bar_chart("c1", "t", ["a", "b"], [Series("s", [2, 4])]))
    widths = [float(r.get("width")) for r in root.iter(f"{SVG}rect")]
    assert widths[0] * 2 == widths[1]


def test_second_series_is_hatched_so_it_reads_in_black_and_white():
    root = parse(bar_chart("c1", "t", MONTHS, TWO))
    patterns = [p.get("id") for p in root.iter(f"{SVG}pattern")]
    assert patterns == ["c1-p1"]
    assert "url(#c1-p1)" in fills(root)
    assert "#212529" in fills(root)


def test_a_single_series_has_no_legend():
    root = parse(bar_chart("c1", "t", ["a"], [Series("Only", [1])]))
    assert "Only" not in texts(root)


def test_bar_notes_follow_the_first_series_number():
    root = parse(bar_chart("c1", "t", ["New", "Partner"], [Series("Now", [3, 1]), Series("Then", [1, 1])],
                           notes=["+2", ""]))
    assert [t for t in texts(root) if t[0].isdigit()] == ["3 +2", "1", "1", "1"]


def test_stacked_chart_writes_each_columns_total():
    root = parse(stacked_chart("c1", "t", MONTHS, TWO))
    assert ["4", "2", "5"] == [t for t in texts(root) if t.isdigit()]


def test_stacked_chart_draws_no_bar_for_zero():
    root = parse(stacked_chart("c1", "t", ["a"], [Series("x", [0]), Series("y", [2])]))
    assert fills(root).count("#212529") == 1  # the legend swatch only


def test_empty_chart_does_not_divide_by_zero():
    root = parse(stacked_chart("c1", "t", ["a"], [Series("x", [0])]))
    assert "0" in texts(root)


def test_line_chart_gives_each_series_its_own_dash():
    root = parse(line_chart("c1", "t", MONTHS, TWO))
    lines = list(root.iter(f"{SVG}polyline"))
    assert len(lines) == 2
    assert lines[0].get("stroke-dasharray") is None
    assert lines[1].get("stroke-dasharray") == "6 3"


def test_line_chart_writes_only_every_nth_label_and_the_last():
    labels = [f"M{i}" for i in range(7)]
    root = parse(line_chart("c1", "t", labels, [Series("s", [1] * 7)], label_every=3))
    assert [t for t in texts(root) if t.startswith("M")] == ["M0", "M3", "M6"]


def test_line_chart_ends_each_line_with_its_last_value():
    root = parse(line_chart("c1", "t", MONTHS, TWO))
    assert {"5", "0"} <= set(texts(root))


@pytest.mark.parametrize("draw", [bar_chart, stacked_chart, line_chart])
def test_a_chart_without_labels_says_there_is_nothing_to_show(draw):
    figure = ET.fromstring(str(draw("c1", "Outcomes", [], [Series("s", [])])))
    assert figure.find("svg") is None and figure.find(f"{SVG}svg") is None
    assert figure.find("p").text == "Nothing to show yet."


def test_columns_turn_rows_into_labels_and_one_series_per_name():
    labels, series = columns([("Lasers", 1, 2), ("Optics", 0, 3)], ["Visiting", "Host"])
    assert labels == ["Lasers", "Optics"]
    assert series == [Series("Visiting", [1, 0]), Series("Host", [2, 3])]
