"""Figures: the logic behind them, what they show, and how they are displayed."""
from __future__ import annotations

import json
import re

import pandas as pd
import pytest

from usrussia import book, data, figures


@pytest.fixture(scope="module")
def course():
    return data.load()


def test_phase_at_uses_whole_months(course):
    phases = course.phases.sort_values("start_ts")
    first = phases.iloc[0]
    end_of_first = first["end_ts"] + pd.offsets.MonthEnd(0)
    assert figures.phase_at(first["start_ts"], course.phases) == first["phase"]
    assert figures.phase_at(end_of_first, course.phases) == first["phase"]
    assert figures.phase_at(pd.Timestamp("1900-01-01"), course.phases) is None


def test_every_event_category_has_a_lane():
    for category in data.EVENT_CATEGORIES:
        if category not in ("us-president", "ru-president"):
            assert figures.lane_of(category) in figures.LANES
    with pytest.raises(KeyError):
        figures.lane_of("us-president")


def test_presidencies_are_in_order_and_open_terms_end_at_the_cut_off(course):
    terms = figures.presidencies(course.events, "us")
    assert terms["person"].iloc[0] == "George H. W. Bush"
    assert terms["start"].is_monotonic_increasing
    assert terms["end"].iloc[-1] == course.events["date_ts"].max()  # the end of the record
    assert figures.presidencies(course.events, "us", until="2025-12-31")["end"].iloc[-1] == pd.Timestamp("2025-12-31")
    assert "Donald J. Trump (second term)" in set(terms["label"])


def test_timeline_points_filter_by_date_and_leave_out_terms_of_office(course):
    points = figures.timeline_points(course, "2014-01", "2014-12")
    assert len(points) > 5
    assert points["date_ts"].between(pd.Timestamp("2014-01"), pd.Timestamp("2014-12")).all()
    assert not points["category"].isin(["us-president", "ru-president"]).any()
    assert set(points["phase"].dropna()) <= set(data.PHASES)


def test_reset_spans_run_from_start_event_to_end_event(course):
    spans = data.reset_spans(course)
    assert len(spans) == len(course.resets)
    assert (spans["end"] > spans["start"]).all()
    assert spans["start"].is_monotonic_increasing
    first = spans.iloc[0]
    assert first["start"] == course.events.loc[first["start_event"], "date_ts"]


def test_timeline_explorer_has_a_trace_per_phase_and_a_button_per_presidency(course):
    fig = figures.timeline_explorer(course)
    assert {trace.name for trace in fig.data} <= set(data.PHASES)
    shown = sum(len(trace.x) for trace in fig.data)
    assert shown == len(figures.timeline_points(course)) - figures.timeline_points(course)["phase"].isna().sum()
    labels = [button.label for button in fig.layout.updatemenus[0].buttons]
    assert labels[0] == "All years" and "Barack Obama" in labels
    assert fig.layout.title.text and fig.layout.xaxis.title.text == "Date"
    assert "events" in fig.layout.meta["description"]


def test_zoomed_timeline_only_offers_presidencies_in_its_window(course):
    fig = figures.timeline_explorer(course, start="2025-01", end="2025-12", title="2025")
    labels = [button.label for button in fig.layout.updatemenus[0].buttons]
    assert labels == ["All years", "Joseph R. Biden", "Donald J. Trump (second term)"]


def test_reset_durations_figure(course):
    fig = figures.reset_durations(course)
    bar = fig.data[0]
    assert len(bar.y) == len(course.resets)
    assert bar.y[0].startswith("Clinton–Yeltsin")
    assert "months" in fig.layout.meta["description"]


def test_hover_text_from_data_is_escaped():
    assert figures._wrap("<script>x</script> & more") == "&lt;script&gt;x&lt;/script&gt; &amp; more"
    assert "<br>" in figures._wrap("word " * 40)


def test_figure_view_html_is_stable_accessible_and_cannot_break_out_of_its_script(course):
    fig = figures.timeline_explorer(course, start="2018-01", end="2018-12", title="</script><b>x</b>")
    view = figures.view(fig, "fig-test")
    html = view.html()
    assert html == figures.view(figures.timeline_explorer(course, start="2018-01", end="2018-12",
                                                          title="</script><b>x</b>"), "fig-test").html()
    assert 'id="fig-test"' in html and '<figcaption id="fig-test-desc"' in html
    assert html.count("</script>") == 2  # the data (JSON) and the standalone drawer
    spec = re.search(r'<script type="application/json" class="usr-figure-spec" data-figure="fig-test">(.*?)</script>',
                     html)
    data_, layout, config = json.loads(spec.group(1))
    assert layout["title"]["text"].startswith("</script>") and config["displaylogo"] is False
    assert "https://cdn.plot.ly/" in html  # only fetched outside the book (assets/usrussia-figures.js draws there)
    assert "Plotly.newPlot(el,a[0]" not in html  # no minified drawing code in the output
    bundle = view._repr_mimebundle_()
    assert set(bundle) == {"application/vnd.plotly.v1+json", "text/html", "text/plain"}
    assert json.dumps(bundle["application/vnd.plotly.v1+json"])


def test_book_plugin_skips_plotly_json_only():
    class Mime:
        def __init__(self, mime_type):
            self.mime_type = mime_type

    assert book.PlotlyJsonInBook.handle_mime(None, Mime(book.PLOTLY_MIME), False) == []
    assert book.PlotlyJsonInBook.handle_mime(None, Mime("text/html"), False) is None


def test_nato_by_year_counts_members_and_carries_the_posture_level_forward(course):
    years = figures.nato_by_year(course).set_index("year")
    assert years.loc[1991, "members"] == 16 and years.loc[1991, "joined"] == []
    assert years.loc[1999, "members"] == 19 and years.loc[1999, "joined"] == ["Czech Republic", "Hungary", "Poland"]
    assert years.loc[2024, "members"] == 32
    assert (years.loc[1991:2003, "level"] == 0).all()  # nothing stationed before 2004
    assert years.loc[2004, "level"] == 1 and years.loc[2013, "level"] == 1  # air policing, Patriots, Aegis
    assert years.loc[2014, "level"] == 2 and years.loc[2017, "level"] == 3 and years.loc[2022, "level"] == 4
    assert years["level"].is_monotonic_increasing
    # an agreement or a construction site stations no forces: they never set the level
    assert "Deveselu" not in " ".join(years["posture_event"]) and "Redzikowo" not in " ".join(years["posture_event"])
    assert years.loc[2022, "posture_event"] == "NATO adds four battlegroups, eight in all"  # March, not Madrid


def test_nato_by_year_counts_the_members_bordering_russia(course):
    years = figures.nato_by_year(course).set_index("year")
    assert years.loc[1998, "bordering"] == 1  # Norway
    assert years.loc[1999, "bordering"] == 2 and years.loc[2004, "bordering"] == 5  # Poland; the Baltic states
    assert years.loc[2023, "bordering"] == 6 and years.loc[2024, "bordering"] == 6  # Finland; Sweden does not
    fig = figures.nato_paradox(course)
    bars = [trace for trace in fig.data if trace.type == "bar"]
    assert [list(b.y) for b in bars][0] == years["bordering"].tolist()
    assert [a + b for a, b in zip(bars[0].y, bars[1].y)] == years["members"].tolist()


def test_nato_year_summary_and_figure(course):
    years = figures.nato_by_year(course)
    summary = figures.nato_year_summary(years.set_index("year", drop=False).loc[2004])
    assert summary.startswith("2004: 26 members, 5 of them bordering Russia; joined that year: Bulgaria, Estonia")
    assert "level 1, air policing" in summary
    fig = figures.nato_paradox(course)
    steps = fig.layout.sliders[0].steps
    assert [step.label for step in steps] == [str(y) for y in years["year"]]
    assert "2017: 29 members" in steps[list(years["year"]).index(2017)].args[0]["annotations[0].text"]
    assert "2017" in fig.layout.meta["description"]  # first year of multinational battlegroups


def test_long_titles_are_broken_into_lines():
    assert figures._title_lines("a " * 40).count("<br>") >= 1
    assert figures._title_lines("Short title") == "Short title"
