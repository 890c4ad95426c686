"""Plotly figures built from the course's tables, and how they are displayed.

Every figure has a title, axis labels and a one-sentence description for screen readers
(kept in ``fig.layout.meta["description"]``). Colours come from the Okabe–Ito palette, which
stays distinguishable for the common forms of colour blindness.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from html import escape, unescape

import pandas as pd
import plotly.graph_objects as go
from plotly.offline import get_plotlyjs_version

from . import data

# Okabe & Ito (2008), "Color Universal Design".
PALETTE = {
    "orange": "#E69F00",
    "sky": "#56B4E9",
    "green": "#009E73",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "black": "#000000",
    "grey": "#777777",
}
PHASE_COLOURS = {
    "euphoria": PALETTE["green"],
    "pragmatism": PALETTE["sky"],
    "disillusionment": PALETTE["orange"],
    "crisis": PALETTE["vermillion"],
    "reset": PALETTE["blue"],
}
PHASE_SYMBOLS = {"euphoria": "circle", "pragmatism": "square", "disillusionment": "diamond",
                 "crisis": "x", "reset": "triangle-up"}
#: Timeline lanes: which event categories share a row of the timeline explorer.
LANES = {
    "Resets and summits": ("reset",),
    "Crises": ("crisis",),
    "Sanctions": ("sanctions",),
    "Arms control": ("arms-control",),
    "NATO and force posture": ("nato-enlargement", "force-posture"),
    "Signals and incidents": ("escalation-signal", "incident"),
    "Findings and context": ("accountability", "context", "framework"),
}
#: Only fetched outside the book (e.g. Colab); the book serves its own copy.
PLOTLY_CDN = f"https://cdn.plot.ly/plotly-{get_plotlyjs_version()}.min.js"
#: The one script each figure carries, for hosts that show its HTML outside the book (e.g. Colab):
#: there it fetches plotly.js and draws the figure. In the book it does nothing, because the page
#: loads plotly.js and ``_static/usrussia-figures.js`` (which also wires the keyboard menus).
STANDALONE_JS = """
(function (boot) {
  if (document.querySelector("script[src*='usrussia-figures.js']")) return;
  var figure = boot.parentNode, spec = figure.querySelector("script.usr-figure-spec");
  figure.querySelectorAll(".usr-figure-control").forEach(function (p) { p.hidden = true; });
  function draw() {
    var a = JSON.parse(spec.textContent);
    Plotly.newPlot(document.getElementById(spec.dataset.figure), a[0], a[1], a[2]);
  }
  if (window.Plotly) { draw(); return; }
  var script = document.createElement("script");
  script.src = boot.dataset.plotly;
  script.onload = draw;
  document.head.appendChild(script);
})(document.currentScript);
"""

TEMPLATE = go.layout.Template(layout=dict(
    font=dict(family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif", size=13, color="#222"),
    paper_bgcolor="white",
    plot_bgcolor="white",
    colorway=list(PALETTE.values()),
    xaxis=dict(showgrid=True, gridcolor="#e6e6e6", linecolor="#999", ticks="outside"),
    yaxis=dict(showgrid=True, gridcolor="#e6e6e6", linecolor="#999", automargin=True),
    hoverlabel=dict(align="left"),
    margin=dict(l=10, r=10, t=60, b=40),
))


def _title_lines(title: str, width: int = 52) -> str:
    """Break a long title into lines (plotly does not wrap titles, and figures often stand in a column)."""
    words, lines, line = title.split(), [], ""
    for word in words:
        if line and len(line) + len(word) + 1 > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return "<br>".join(lines + [line])


def _finish(fig: go.Figure, title: str, description: str, height: int = 420) -> go.Figure:
    fig.update_layout(template=TEMPLATE,
                      title=dict(text=_title_lines(title), x=0, xanchor="left", y=0.98, yanchor="top"),
                      height=height,
                      meta={"description": description})
    return fig


# --- logic (plain functions, unit-tested) ---------------------------------------------------

def phase_at(date: pd.Timestamp, phases: pd.DataFrame) -> str | None:
    """The phase of the editorial overlay in force on ``date`` (None outside every span)."""
    ends = phases["end_ts"] + pd.offsets.MonthEnd(0)
    hit = phases[(phases["start_ts"] <= date) & (ends >= date)]
    return hit["phase"].iloc[0] if len(hit) else None


def lane_of(category: str) -> str:
    """The timeline lane an event category is drawn in."""
    for lane, categories in LANES.items():
        if category in categories:
            return lane
    raise KeyError(f"event category {category!r} has no lane")


def presidencies(events: pd.DataFrame, country: str = "us", until: str | None = None) -> pd.DataFrame:
    """Terms of office (person, start, end) for 'us' or 'ru'; open terms end at ``until``, by default
    at the latest event in the table (the end of the record)."""
    terms = events[events["category"] == f"{country}-president"].sort_values("date_ts")
    until = pd.Timestamp(until) if until else events["date_ts"].max()
    return pd.DataFrame({
        "person": terms["title"].str.replace(r"\s+presidency.*$", "", regex=True),
        "label": terms["title"].str.replace(" presidency", "", regex=False),
        "start": terms["date_ts"],
        "end": terms["end_date_ts"].fillna(until),
    }).reset_index(drop=True)


def timeline_points(course: data.CourseData, start: str | None = None, end: str | None = None) -> pd.DataFrame:
    """Events to plot (not terms of office), with their lane and phase, between two dates."""
    events = course.events[~course.events["category"].isin(["us-president", "ru-president"])].copy()
    if start:
        events = events[events["date_ts"] >= pd.Timestamp(start)]
    if end:
        events = events[events["date_ts"] <= pd.Timestamp(end)]
    events["lane"] = events["category"].map(lane_of)
    events["phase"] = events["date_ts"].map(lambda d: phase_at(d, course.phases))
    return events.sort_values("date_ts")


# --- figures -------------------------------------------------------------------------------

def _escape(text: str) -> str:
    """Escape data text for plotly, which reads <, > and & as markup but shows &quot; literally."""
    return escape(text, quote=False)


def _wrap(text: str, width: int = 60) -> str:
    """Escape a hover text and break it into lines of about ``width`` characters (HTML line breaks)."""
    words, lines, line = _escape(text).split(), [], ""
    for word in words:
        if len(line) + len(word) + 1 > width and line:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return "<br>".join(lines + [line])


def timeline_explorer(course: data.CourseData, start: str | None = None, end: str | None = None,
                      title: str = "US–Russia relations: events and the phases of the cycle") -> go.Figure:
    """Events in lanes over time, coloured by phase, US presidencies shaded; a menu zooms to a presidency."""
    points = timeline_points(course, start, end)
    lanes = [lane for lane in LANES if lane in set(points["lane"])]
    fig = go.Figure()
    for phase, colour in PHASE_COLOURS.items():
        subset = points[points["phase"] == phase]
        if subset.empty:
            continue
        fig.add_trace(go.Scatter(
            x=subset["date"].tolist(), y=subset["lane"].tolist(), mode="markers", name=phase,
            marker=dict(color=colour, size=11, symbol=PHASE_SYMBOLS[phase], line=dict(width=1, color="white")),
            customdata=list(zip(subset["title"].map(_escape), subset["date"],
                                subset["description"].map(_wrap), subset["source"].map(_wrap))),
            hovertemplate="<b>%{customdata[0]}</b> (%{customdata[1]})<br>%{customdata[2]}"
                          "<br><i>Source: %{customdata[3]}</i><extra>" + phase + "</extra>",
        ))
    terms = presidencies(course.events, "us")
    lo = pd.Timestamp(start) if start else points["date_ts"].min() - pd.DateOffset(months=6)
    hi = pd.Timestamp(end) if end else points["date_ts"].max() + pd.DateOffset(months=6)
    for i, term in terms.iterrows():
        if term["end"] < lo or term["start"] > hi:
            continue
        fig.add_vrect(x0=term["start"].date().isoformat(), x1=term["end"].date().isoformat(),
                      fillcolor="#f2f2f2" if i % 2 else "#ffffff", line_width=0, layer="below",
                      annotation_text=_escape(term["person"].split()[-1]), annotation_position="top left",
                      annotation_font=dict(size=11, color="#555"))
    buttons = [dict(label="All years", method="relayout",
                    args=[{"xaxis.range": [lo.date().isoformat(), hi.date().isoformat()]}])]
    for _, term in terms.iterrows():
        if term["end"] < lo or term["start"] > hi:
            continue
        buttons.append(dict(label=_escape(term["label"]), method="relayout",
                            args=[{"xaxis.range": [term["start"].date().isoformat(), term["end"].date().isoformat()]}]))
    fig.update_layout(
        updatemenus=[dict(type="dropdown", name="Zoom to a presidency", buttons=buttons, x=1, xanchor="right",
                          y=1.03, yanchor="bottom",
                          showactive=True, pad=dict(t=0, b=0))],
        margin=dict(t=125),
        legend=dict(title=dict(text="Phase (editorial overlay)", side="top"), orientation="h", y=-0.3, x=0),
        xaxis=dict(title="Date", type="date", range=[lo.date().isoformat(), hi.date().isoformat()]),
        yaxis=dict(title=None, categoryorder="array", categoryarray=lanes[::-1]),
    )
    span = f"{points['date'].iloc[0][:4]}–{points['date'].iloc[-1][:4]}" if len(points) else "no events"
    description = (f"Timeline of {len(points)} events ({span}) in {len(lanes)} lanes, each marked by the phase of "
                   "the reset cycle it falls in; US presidencies are shaded and a menu zooms to one of them.")
    return _finish(fig, title, description, height=480)


def reset_durations(course: data.CourseData) -> go.Figure:
    """One bar per reset, from the event that began it to the one that ended it."""
    spans = data.reset_spans(course)
    labels = [f"{us.split()[-1]}–{ru.split()[-1]} ({start.year})"
              for us, ru, start in zip(spans["us_president"], spans["russian_president"], spans["start"])]
    fig = go.Figure(go.Bar(
        y=[_escape(label) for label in labels], x=((spans["end"] - spans["start"]).dt.days * 86_400_000).tolist(),
        base=spans["start"].dt.strftime("%Y-%m-%d").tolist(), orientation="h",
        marker_color=PALETTE["blue"], text=[f"{m} months" for m in spans["months"]], textposition="outside",
        cliponaxis=False,
        customdata=list(zip(spans["start_title"].map(_escape), spans["end_title"].map(_escape),
                            spans["began"].map(_wrap), spans["ended"].map(_wrap), spans["label"].map(_escape))),
        hovertemplate="<b>%{customdata[4]}</b><br>Began: %{customdata[0]}<br>%{customdata[2]}"
                      "<br>Ended: %{customdata[1]}<br>%{customdata[3]}<extra></extra>",
        name="reset",
    ))
    first = spans["start"].min() - pd.DateOffset(years=1)
    last = spans["end"].max() + pd.DateOffset(years=4)  # room for the label of the last bar
    fig.update_layout(xaxis=dict(title="Date", type="date", range=[first.date().isoformat(), last.date().isoformat()]),
                      yaxis=dict(title=None, autorange="reversed"),
                      showlegend=False, bargap=0.35)
    shortest, longest = spans.loc[spans["months"].idxmin()], spans.loc[spans["months"].idxmax()]
    description = (f"Bar chart of {len(spans)} resets from the event that began each to the crisis that ended it; "
                   f"the shortest ({shortest['label']}) lasted about {shortest['months']} months and the longest "
                   f"({longest['label']}) about {longest['months']} months.")
    return _finish(fig, "How long did each reset last?", description, height=380)


POSTURE_LEVELS = {
    0: "no allied combat forces stationed",
    1: "air policing, training rotations, missile-defence sites",
    2: "rotational company-size land units",
    3: "four multinational battlegroups",
    4: "eight battlegroups",
    5: "brigade-scale forces",
}


def nato_by_year(course: data.CourseData, first: int | None = None, last: int | None = None) -> pd.DataFrame:
    """Year by year: NATO's members at the year's end, how many of them border Russia, who joined, and
    the force-posture level reached, from ``first`` (by default the year of the first row of the NATO
    table, the members when the USSR dissolved) to ``last`` (by default the year of the latest event).

    The posture level (0-5, the graded scale of ``POSTURE_LEVELS``) is the highest level of any
    force-posture event up to the end of the year, and ``posture_event`` the event that first reached it;
    events without a level (agreements, construction) mark the timeline but station no forces.
    """
    posture = course.events[(course.events["category"] == "force-posture") & course.events["level"].notna()]
    posture = posture.sort_values("date_ts")
    nato = course.nato.sort_values("date_ts")
    enlargements = nato.iloc[1:]  # the first row holds the members when the USSR dissolved
    first = first or int(nato["date_ts"].iloc[0].year)
    last = last or int(course.events["date_ts"].max().year)
    rows = []
    for year in range(first, last + 1):
        end = pd.Timestamp(f"{year}-12-31")
        members = nato[nato["date_ts"] <= end]
        joined = [state for states in enlargements[enlargements["date_ts"].dt.year == year]["joined"]
                  for state in states]
        reached = posture[posture["date_ts"] <= end]
        level = int(reached["level"].max()) if len(reached) else 0
        first_at_level = reached[reached["level"] == level].head(1)
        rows.append({
            "year": year,
            "members": int(members["members_after"].iloc[-1]) if len(members) else None,
            "bordering": sum(len(states) for states in members["bordering_russia"]),
            "joined": joined,
            "level": level,
            "posture_event": first_at_level["title"].iloc[0] if len(first_at_level) else "",
        })
    return pd.DataFrame(rows)


def nato_year_summary(row: pd.Series) -> str:
    """One year of the NATO paradox in words (shown as the slider moves)."""
    joined = f"; joined that year: {', '.join(row['joined'])}" if row["joined"] else ""
    posture = f"level {row['level']}, {POSTURE_LEVELS[row['level']]}"
    latest = f" (reached with: {row['posture_event']})" if row["posture_event"] else ""
    return (f"{row['year']}: {row['members']} members, {row['bordering']} of them bordering Russia{joined}. "
            f"Eastern flank: {posture}{latest}.")


def _levels(low: int, high: int) -> str:
    return f"level {low}" if low == high else f"level {low}–{high}"


def posture_path(years: pd.DataFrame) -> str:
    """How the force-posture level of ``nato_by_year`` rose, in words: where it stayed before the first
    rotational land units (level 2) and when multinational battlegroups (level 3) came, if they did."""
    before_land = years[years["level"] < 2]
    land, ground = years[years["level"] >= 2], years[years["level"] >= 3]
    if land.empty:
        return f"stayed at {_levels(int(years['level'].min()), int(years['level'].max()))} throughout"
    words = []
    if len(before_land):
        words.append(f"stayed at {_levels(int(before_land['level'].min()), int(before_land['level'].max()))} "
                     f"until {int(land['year'].iloc[0])}")
    if len(ground):
        words.append(f"reached {POSTURE_LEVELS[3]} (level 3) only in {int(ground['year'].iloc[0])}")
    else:
        top = int(years["level"].max())
        words.append(f"reached at most level {top}, {POSTURE_LEVELS[top]}")
    return " and ".join(words)


def nato_paradox(course: data.CourseData) -> go.Figure:
    """NATO's members against the allied forces actually on the eastern flank, with a year slider."""
    years = nato_by_year(course)
    fig = go.Figure()
    fig.add_trace(go.Bar(x=years["year"].tolist(), y=years["bordering"].tolist(), name="Members bordering Russia",
                         marker_color=PALETTE["blue"], hovertemplate="%{x}: %{y} members border Russia<extra></extra>"))
    fig.add_trace(go.Bar(x=years["year"].tolist(), y=(years["members"] - years["bordering"]).tolist(),
                         name="Other members", marker_color=PALETTE["sky"],
                         hovertemplate="%{x}: %{y} other members<extra></extra>"))
    fig.add_trace(go.Scatter(x=years["year"].tolist(), y=years["level"].tolist(),
                             name="Forces on the eastern flank (level 0–5)", yaxis="y2", mode="lines+markers",
                             line=dict(shape="hv", color=PALETTE["vermillion"], width=3),
                             marker=dict(symbol="diamond", size=7),
                             customdata=[POSTURE_LEVELS[level] for level in years["level"]],
                             hovertemplate="%{x}: level %{y}, %{customdata}<extra></extra>"))
    summaries = [_escape(nato_year_summary(row)) for _, row in years.iterrows()]
    last = len(years) - 1
    steps = [dict(method="relayout", label=str(year),
                  args=[{"shapes[0].x0": year, "shapes[0].x1": year, "annotations[0].text": _wrap(summaries[i], 75)}])
             for i, year in enumerate(years["year"])]
    fig.update_layout(
        shapes=[dict(type="line", xref="x", yref="paper",
                     x0=int(years["year"].iloc[last]), x1=int(years["year"].iloc[last]),
                     y0=0, y1=1, line=dict(color=PALETTE["black"], width=2, dash="dot"))],
        annotations=[dict(xref="paper", yref="paper", x=0, y=1.02, xanchor="left", yanchor="bottom", showarrow=False,
                          align="left", text=_wrap(summaries[last], 75), font=dict(size=12))],
        sliders=[dict(active=last, steps=steps, currentvalue=dict(prefix="Year: "), pad=dict(t=45), x=0, len=1)],
        barmode="stack",
        xaxis=dict(title="Year", dtick=2),
        yaxis=dict(title="NATO members", range=[0, int(years["members"].max()) + 2]),
        yaxis2=dict(title="Allied forces on the eastern flank (level)", overlaying="y", side="right",
                    range=[-0.2, max(POSTURE_LEVELS) + 0.4],
                    tickvals=list(POSTURE_LEVELS), showgrid=False),
        legend=dict(orientation="h", y=-0.5, yanchor="top", x=0),  # below the slider
        margin=dict(t=150, b=110, r=60),
    )
    description = (f"NATO grew from {years['members'].iloc[0]} members in {years['year'].iloc[0]} to "
                   f"{years['members'].iloc[-1]} in {years['year'].iloc[-1]}, while allied forces on the eastern flank "
                   f"{posture_path(years)}; a slider steps through the years.")
    return _finish(fig, "The NATO paradox: enlargement against forces on the eastern flank", description, height=640)


@dataclass(frozen=True)
class TableView:
    """An HTML table built from data (every cell escaped), with a caption and a plain-text copy."""

    caption: str
    header: tuple
    rows: tuple

    def html(self) -> str:
        head = "".join(f'<th scope="col">{escape(h)}</th>' for h in self.header)
        body = "".join("<tr>" + "".join(f"<td>{escape(str(c))}</td>" for c in row) + "</tr>" for row in self.rows)
        return (f'<div class="usr-table-wrap" tabindex="0" role="region" aria-label="{escape(self.caption)}">'
                f'<table class="usr-table"><caption>{escape(self.caption)}</caption>'
                f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>")

    def _repr_mimebundle_(self, include=None, exclude=None):
        text = "\n".join([self.caption, " | ".join(self.header)] + [" | ".join(map(str, r)) for r in self.rows])
        return {"text/html": self.html(), "text/plain": text}


def officeholders_table(course: data.CourseData) -> TableView:
    """A source's list of Kremlin office-holders, as of the date it reflects, beside who holds each post now."""
    table = course.officeholders
    as_of = sorted(set(table["as_of"]))
    source = course.sources.loc[table["source_id"].iloc[0]]
    published = pd.Timestamp(source["date"])
    rows = tuple((r.post, r.holder_in_source, r.holder_now, r.since, r.change_note) for r in table.itertuples())
    def posts(notes: str) -> list[str]:  # the posts whose change note starts so, without their glosses
        return [post.split(" (")[0] for post in table[table["change_note"].str.match(notes)]["post"]]

    since, before = posts(r"Changed\."), posts(r"Changed before")
    change = (f"{len(since)} of its {len(table)} posts have changed hands since"
              + (f" ({'; '.join(since)})" if since else ""))
    if before:
        change += f", and {len(before)} had changed before it ({'; '.join(before)})"
    return TableView(
        f"Kremlin office-holders in the {source['publisher']} piece, "
        f"published {published:%B %Y} but correct only as of "
        f"the line-up before {' and '.join(f'{pd.Timestamp(d):%B %Y}' for d in as_of)}: {change}. "
        f"Beside it, who holds each post now, each row dated",
        ("Post", f"Holder in the {source['publisher']} piece (its spelling)", "Holder now", "Confirmed on",
         "What changed, and the record"), rows)


def risk_cases_table(course: data.CourseData) -> TableView:
    """The cases of the risk chapter: the choice a prospect-theory reading sees, and the alternative reading."""
    rows = tuple((f"{c.name} ({c.date[:4]})", c.reference_point, c.frame, c.sure_option, c.gamble_option,
                  c.prospect_reading, c.alternative_reading)
                 for c in course.risk_cases.sort_values("date").itertuples())
    return TableView("Russian risk-taking read through prospect theory, and the strongest alternative reading",
                     ("Case", "Reference point", "Frame", "The sure option", "The gamble", "Prospect-theory reading",
                      "Alternative reading"), rows)


# --- display --------------------------------------------------------------------------------

@dataclass(frozen=True)
class FigureView:
    """A figure ready to display: plotly's own mime type for Jupyter, and an HTML fallback.

    The HTML draws with the page's Plotly (the book loads plotly.js once, as a static file);
    only where no Plotly is loaded (for example Colab) does it fetch plotly.js itself.
    """

    figure: go.Figure
    figure_id: str

    @property
    def description(self) -> str:
        return (self.figure.layout.meta or {}).get("description", "")

    def _keyboard_controls(self) -> str:
        """<select> menus mirroring the figure's first plotly menu and slider, which take no keyboard."""
        fid, layout, controls = escape(self.figure_id), self.figure.layout, []
        if layout.updatemenus:
            controls.append(("menu", layout.updatemenus[0].name or "View",
                             [b.label for b in layout.updatemenus[0].buttons], 0))
        if layout.sliders:
            slider = layout.sliders[0]
            controls.append(("slider", (slider.currentvalue.prefix or "Step: ").strip(" :"),
                             [step.label for step in slider.steps], slider.active or 0))
        html = ""
        for kind, name, labels, active in controls:
            options = "".join(f'<option value="{i}"{" selected" if i == active else ""}>'
                              f'{escape(unescape(label))}</option>'
                              for i, label in enumerate(labels))
            html += (f'<p class="usr-figure-control"><label for="{fid}-{kind}">{escape(name)}:</label> '
                     f'<select id="{fid}-{kind}">{options}</select></p>')
        return html

    def html(self) -> str:
        """The figure as HTML: where to draw, the keyboard menus, the description, and the data.

        The data travels as JSON (``script.usr-figure-spec``); the book draws it with
        ``assets/usrussia-figures.js``. Elsewhere (a host that shows this HTML rather than plotly's
        own mime type) the figure fetches plotly.js and draws itself (``STANDALONE_JS``).
        """
        spec = json.loads(self.figure.to_json())
        config = {"displaylogo": False, "responsive": True}
        payload = json.dumps([spec["data"], spec["layout"], config], separators=(",", ":"))
        # never close (or comment out) the script element from inside the data; both stay valid JSON
        payload = payload.replace("</", "<\\/").replace("<!--", "\\u003c!--")
        fid = escape(self.figure_id)
        height = int(self.figure.layout.height or 420)
        return (
            f'<figure class="usr-figure">{self._keyboard_controls()}'
            f'<div id="{fid}" class="plotly-graph-div usr-plot" '
            f'style="height:{height}px;width:100%"></div>'
            f'<figcaption id="{fid}-desc" class="usr-figure-description">{escape(self.description)}</figcaption>'
            f'<script type="application/json" class="usr-figure-spec" data-figure="{fid}">{payload}</script>'
            f'<script data-plotly="{escape(PLOTLY_CDN)}">{STANDALONE_JS}</script>'
            f'</figure>'
        )

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {
            "application/vnd.plotly.v1+json": json.loads(self.figure.to_json()) | {"config": {"displaylogo": False}},
            "text/html": self.html(),
            "text/plain": f"Figure: {self.description}",
        }


def view(figure: go.Figure, figure_id: str) -> FigureView:
    """Wrap a figure for display under a stable element id (so stored outputs never change)."""
    return FigureView(figure, figure_id)
