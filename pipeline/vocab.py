"""The vocabulary every part of sitrep shares: the values a row can hold, and their order.

The extractor writes only these values, the database checks them (``store/schema.sql`` is
rendered from here), and the dashboard offers them as filters and colours them. Add a value
here and every part sees it; nothing else spells them out.
"""

from __future__ import annotations

# What a figure counts. "casualties" is a combined "killed or wounded" total: stored, shown,
# never summed into either.
KINDS = ("killed", "wounded", "displaced", "casualties")
HARM = ("killed", "wounded")

# Who a figure counts.
VICTIMS = ("civilians", "security_forces", "militants", "mixed", "unspecified")

UNITS = ("people", "families")

# How a number is qualified, most specific first: an event keeps its most specific report.
QUALIFIERS = ("exact", "about", "range", "at_least", "more_than", "up_to", "vague")
SPECIFICITY = {q: i for i, q in enumerate(QUALIFIERS)}

# A figure's part in its article: counted (total), a part of a stated total, said again, or
# another source's estimate of the same toll (counted once, as the total it stands beside).
ROLES = ("total", "detail", "repeat", "alternative")

# Pressure on a provincial capital, in escalating order; a retaking stands apart.
LEVELS = ("threatened", "attacked", "besieged", "breached", "fell", "retaken")
# Severity: how bad it got (retaken ranks below every threat).
LEVEL_RANK = {"threatened": 1, "attacked": 2, "besieged": 3, "breached": 4, "fell": 5, "retaken": 0}
# Sequence within one day: a retaking comes after whatever it undid.
LEVEL_SEQUENCE = {**LEVEL_RANK, "retaken": max(LEVEL_RANK.values()) + 1}
# One report, one capital, one day: the approach is part of the breach or the fall it led to
# ("an assault on the city, taking control of parts of it" is breached, not also attacked).
# A siege (roads cut) and a retaking are conditions of their own and stand.
LEVEL_SUBSUMED_BY = {"threatened": ("breached", "fell"), "attacked": ("breached", "fell")}

# What a level means for a district: under threat, fallen or retaken; fighting in a district
# alone (``attacked``) is not a district event.
DISTRICT_STATUS = {
    "threatened": "threatened", "attacked": None, "besieged": "threatened",
    "breached": "fell", "fell": "fell", "retaken": "retaken",
}  # fmt: skip
DISTRICT_STATUSES = ("threatened", "fell", "retaken")

# Which rule placed a figure: a place in its own sentence, earlier in its paragraph, the
# article's main place; several provinces told at once, the whole country, another country,
# or nothing to go on.
PLACE_BASES = ("sentence", "paragraph", "article", "several", "national", "foreign", "none", "analyst")

# How far to trust a row (``confidence_reason`` says why it is not higher).
CONFIDENCE = ("high", "medium", "low")

# How precisely a date is known, finest first.
DATE_PRECISIONS = ("day", "month", "year")
PRECISION_RANK = {p: i for i, p in enumerate(DATE_PRECISIONS)}

# Where an article's publication date came from.
DATE_SOURCES = ("metadata", "text", "unknown")

# How an article's title, source (its outlet), author and address were found: given as
# metadata, or read from the page itself (``pipeline/extract/provenance.py``): its headline
# line, a dateline ("KABUL (Reuters) -"), a byline ("By Jane Doe"), the site's name in the page
# chrome ("SOURCE: TRT World", "Xinhua, May 8, 2017"), the outlet people speak to ("told AFP"), a
# name signing off the story, a labelled address ("Permalink: https://…"); ``none``: not found.
CITATION_SOURCES = (
    "metadata", "headline", "dateline", "byline", "chrome", "carrier", "signature", "none",
)  # fmt: skip

# Who says a figure or a capture: the kind of source an attribution names ("according to OCHA",
# "the Taliban claimed"); ``unknown`` when the text names none or too vaguely ("sources said").
CLAIMANT_TYPES = (
    "government", "security_forces", "armed_group", "un_agency", "ngo", "medical",
    "local_official", "witness", "media", "unknown",
)  # fmt: skip
# Parties to the conflict: their counts of the other side's losses are claims, not tallies.
PARTY_TYPES = {
    "armed_group": ("security_forces", "civilians"),
    "security_forces": ("militants",),
    "government": ("militants",),
}


def party_count(victims: str, claimant_type: str | None) -> bool:
    """Whether a figure is one party's count of the other side's losses."""
    return victims in PARTY_TYPES.get(claimant_type or "unknown", ())


# Which report of one toll an analyst counts, most trusted first: neutral bodies that count
# the dead and displaced, then officials, then the parties' own forces, then hearsay. A
# party's count of the other side's losses comes last whatever its source (``PARTY_TYPES``).
SOURCE_PREFERENCE = (
    "un_agency", "medical", "ngo", "local_official", "government", "security_forces", "media",
    "witness", "unknown", "armed_group",
)  # fmt: skip

# Kinds of incident a figure's sentence may name (words: ``incident_<kind>`` in
# data/rules/words.csv): reports of a toll join one event only when they name the same kind.
INCIDENT_KINDS = ("bombing", "airstrike", "shelling", "mine", "ambush")

# Analyst reviews (``pipeline/review``): what a review is about, what an analyst did, why a row
# was rejected, and the status a row's history comes to (``unreviewed`` when it has none).
REVIEW_TARGETS = ("figure", "pressure", "district_event")
REVIEW_ACTIONS = ("confirm", "reject", "correct", "add", "undo")
REJECT_REASONS = ("not_a_casualty", "wrong_place", "other_country", "duplicate", "chrome", "other")
REVIEW_STATUSES = ("confirmed", "corrected", "rejected", "added")
