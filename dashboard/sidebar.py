"""The shared sidebar: period, places, countries, kinds, victim groups, how to count and whether to
hide low-confidence rows, kept in the page address."""

from __future__ import annotations

from typing import Any

import streamlit as st

from dashboard import countries, db, period_params, urlparams
from dashboard.filters import ALL_DATES, CUSTOM, Filters, Options
from dashboard.periods import PRESETS, preset

_READ_URL = "_sitrep_url_read"
_NOTICES = "_sitrep_url_notices"


def _label(value: str) -> str:
    """``security_forces`` → ``security forces``."""
    return value.replace("_", " ")


def _prepare_state(options: Options) -> None:
    """Seed widget state from the address once per session, then keep it valid for this data."""
    state = st.session_state
    if not state.get(_READ_URL):
        params = {key: st.query_params.get_all(key) for key in st.query_params}
        values, notices = urlparams.parse(params, options)
        for key, value in values.items():
            state[key] = value
        state[_NOTICES] = notices
        state[_READ_URL] = True
    # The database may have been rebuilt since the last run: drop what it no longer offers.
    base = urlparams.defaults(options)
    for key, allowed in (
        ("province", options.provinces),
        ("kind", options.kinds),
        ("victims", options.victims),
    ):
        state[key] = [v for v in state.get(key, []) if v in allowed]
    # A choice of countries none of which the data still offers falls back to the default, not to
    # every country (the empty choice).
    chosen = state.get("country", base["country"])
    kept = [c for c in chosen if c in options.countries]
    state["country"] = kept if kept or not chosen else base["country"]
    if state.get("preset") not in period_params.offered(options):
        state["preset"] = base["preset"]
    state.setdefault("undated", period_params.undated_default(state["preset"]))
    period = state.get("period")
    if base["period"] is None or period is None:
        state["period"] = base["period"]
    else:
        lo, hi = base["period"]
        state["period"] = (min(max(period[0], lo), hi), max(min(period[1], hi), lo))
    for key in (
        "each_event",
        "hide_low",
        "hide_claims",
        "show_rejected",
        "reviewed_only",
    ):
        state.setdefault(key, base[key])
    # Set, not defaulted: a custom range keeps its choice of days while another period hides it.
    state[urlparams.EXACT] = state.get(urlparams.EXACT, base[urlparams.EXACT])
    if options.dates is None:
        state[urlparams.EXACT], state["since"], state["until"] = False, None, None
    else:
        lo, hi = options.dates
        for key, default in (("since", lo), ("until", hi)):
            day = state.get(key)
            state[key] = default if day is None else min(max(day, lo), hi)


def render(src: db.Source, options: Options) -> Filters:
    """Draw the sidebar widgets and return the reader's choices."""
    _prepare_state(options)
    state = st.session_state
    sb = st.sidebar
    sb.header("Filters")
    notices = state.pop(_NOTICES, [])
    if notices:
        sb.warning("Ignored in the address: " + "; ".join(notices) + ".")

    _period(options)
    sb.multiselect("Province", options.provinces, key="province", placeholder="All provinces")
    sb.multiselect(
        "Country",
        options.countries,
        key="country",
        format_func=countries.name,
        placeholder="All countries",
        help=(
            f"Where it happened. By default Afghanistan and {countries.UNKNOWN_LABEL}: "
            "a figure nothing placed is shown with Afghanistan, since the corpus is about "
            "Afghanistan. Clear the choice to see every country. Articles are not filtered by "
            "country; the map and the province charts show Afghan provinces only."
        ),
    )
    sb.multiselect("Kind", options.kinds, key="kind", format_func=_label, placeholder="All kinds")
    sb.multiselect(
        "Victim group", options.victims, key="victims", format_func=_label, placeholder="All groups"
    )
    sb.caption(
        "Kind and victim group narrow the figures and events; province and period narrow everything, "
        "country everything but the articles."
    )
    sb.toggle(
        "Count each event once",
        key="each_event",
        help=(
            "On: reports of one happening in several articles count once, by the figure the batch "
            "step chose for the event. Off: every report's figure counts (the same event may be "
            "counted more than once)."
        ),
    )
    sb.toggle(
        "Hide low-confidence rows",
        key="hide_low",
        help=(
            "Leave out figures, events and pressure mentions whose confidence is low (two or more "
            "reasons for doubt, listed in their confidence_reason) from the numbers, charts, map, "
            "tables and evidence."
        ),
    )

    sb.toggle(
        "Hide armed groups' claims",
        key="hide_claims",
        help=(
            "Leave out figures, events and capital captures that an armed group claims (the Taliban's "
            "count of soldiers it killed, its claim to have taken a city: claimant_type armed_group). "
            "An event counts its chosen report; an armed group's count of the other side's losses is "
            "chosen only when no other report exists."
        ),
    )

    sb.toggle(
        "Show rejected rows",
        key="show_rejected",
        help=(
            "List the figures, pressure mentions and district events an analyst rejected in the "
            "tables and evidence (they are never counted)."
        ),
    )
    sb.toggle(
        "Reviewed rows only",
        key="reviewed_only",
        help="Only rows an analyst confirmed, corrected or rejected, in the numbers, charts and tables.",
    )

    values: dict[str, Any] = {key: state[key] for key in urlparams.WIDGET_KEYS}
    filters = urlparams.to_filters(values, options.dates[1] if options.dates else None)
    if filters.hide_low:
        sb.caption(_hidden_text(db.hidden(src, filters)))
    if filters.hide_claims:
        sb.caption(_claims_text(db.hidden(src, filters, "hide_claims")))
    keys = (*urlparams.KEYS, *urlparams.LEGACY)
    current = {key: st.query_params.get_all(key) for key in keys if key in st.query_params}
    to_set, to_delete = urlparams.changes(current, urlparams.encode(values, options))
    for key, value in to_set.items():
        st.query_params[key] = value
    for key in to_delete:
        del st.query_params[key]
    return filters


def _follow_period() -> None:
    """A new period brings its default for undated items: in for all dates, out for a period."""
    st.session_state["undated"] = period_params.undated_default(st.session_state["preset"])


def _period(options: Options) -> None:
    """The period: a preset counted back from the latest event date, or a custom range of years
    or days; and whether undated items count."""
    state = st.session_state
    sb = st.sidebar
    allowed = period_params.offered(options)
    if len(allowed) > 1:
        sb.selectbox(
            "Period",
            allowed,
            key="preset",
            format_func=PRESETS.get,
            on_change=_follow_period,
            help="Presets count back from the latest event date in the data, not from today.",
        )
    else:
        sb.caption("Period: no item has a date.")
    chosen = state["preset"]
    if chosen == CUSTOM:
        _custom(options)
    elif chosen != ALL_DATES and options.dates is not None:
        days = preset(chosen, options.dates[1])
        if days is not None:
            sb.caption(f"{days.label()}, counted back from the latest event date in the data.")
    sb.checkbox(
        "Include undated",
        key="undated",
        help="Items whose event year is unknown: in by default for all dates, out for a period.",
    )
    sb.caption(
        f"{options.undated} undated item(s) in the data (figures, pressure mentions and district events "
        "without a year); the page says how many a selection leaves out."
    )


def _custom(options: Options) -> None:
    """A custom range: event years, or exact days (From and To, one under the other so that a
    whole date shows in a narrow sidebar)."""
    sb = st.sidebar
    if options.dates is not None and sb.checkbox(
        "Exact dates", key=urlparams.EXACT, help="Choose the first and last day instead of years."
    ):
        lo, hi = options.dates
        for key, label in (("since", "From"), ("until", "To")):
            sb.date_input(label, key=key, min_value=lo, max_value=hi, format="YYYY-MM-DD")
        return
    years = options.years
    if len(years) >= 2:
        sb.slider("Event years", min_value=years[0], max_value=years[-1], step=1, key="period")
    elif years:
        sb.caption(f"All dated items are from {years[0]}.")


def _claims_text(hidden: dict[str, int]) -> str:
    """``Hidden in this selection: 3 figure(s) and 1 capture(s) claimed by an armed group.``"""
    return (
        f"Hidden in this selection: {hidden['figures']} figure(s) and {hidden['pressure']} pressure "
        "mention(s) claimed by an armed group."
    )


def _hidden_text(hidden: dict[str, int]) -> str:
    """``Hidden in this selection: 2 low-confidence figure(s) and 1 pressure mention(s).``"""
    return (
        f"Hidden in this selection: {hidden['figures']} low-confidence figure(s) and "
        f"{hidden['pressure']} pressure mention(s)."
    )
