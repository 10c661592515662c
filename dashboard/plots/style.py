"""What every figure shares: the colours of pressure levels and victim groups, and the layout.

Colours are fixed hues that read on light and dark backgrounds; background, fonts and grid are
left to the reader's theme. Both palettes are keyed by the vocabulary (``pipeline.vocab``), in
its order; a test holds them to it.
"""

from __future__ import annotations

import plotly.graph_objects as go

# Escalation reads yellow to red to purple (every step visible on white and on near-black);
# a retaking is good news, so it stands apart in teal.
LEVEL_COLORS = {
    "threatened": "#f2c14e",
    "attacked": "#f08a3c",
    "besieged": "#d9472b",
    "breached": "#b0173a",
    "fell": "#8e2c9e",
    "retaken": "#2a9d8f",
}
VICTIM_COLORS = {
    "civilians": "#d62728",
    "security_forces": "#1f77b4",
    "militants": "#7f7f7f",
    "mixed": "#9467bd",
    "unspecified": "#bcbd22",
}


# Provinces stacked in one chart: the largest few each in a hue of Plotly's colour-blind-safe
# "Safe" set, the rest together, and figures with no province in a neutral grey of their own.
SERIES_COLORS = ("#88CCEE", "#CC6677", "#DDCC77", "#117733", "#332288", "#AA4499", "#44AA99", "#999933")
OTHERS_COLOR = "#B0B0B0"
NO_PROVINCE = "(no province)"
NO_PROVINCE_COLOR = "#6E6E6E"


# Date ticks as fine as their spacing: days for ticks days or weeks apart (never one month's
# name over and over), months for ticks months apart, years beyond.
DATE_TICKS = [
    {"dtickrange": [None, "M1"], "value": "%d %b %Y"},
    {"dtickrange": ["M1", "M12"], "value": "%b %Y"},
    {"dtickrange": ["M12", None], "value": "%Y"},
]


def style(fig: go.Figure, title: str) -> go.Figure:
    """Common layout: title, compact margins, legend above the plot.

    The template is left as it is: the default one, which in the app is Streamlit's, whose
    placeholder colours the browser swaps for the reader's light or dark theme.
    """
    fig.update_layout(title=title, margin={"l": 10, "r": 10, "t": 60, "b": 10}, legend_title_text="")
    return fig
