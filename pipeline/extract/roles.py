"""Roles: which figures of an article a total counts.

Breakdown parts ("10 policemen and four others" of "killed 14 people"), parts told as parts
("including four children", "Of these, 81 were children") and restatements (the same figure
again, or one group in families and in people) are kept as ``detail`` and ``repeat``; only
``total`` rows are counted.
"""

from __future__ import annotations

from pipeline.extract.figures import Figure


def assign_roles(figs: list[Figure]) -> None:
    """Breakdowns, "including" parts and restatements are kept but not counted."""
    groups: dict[int, list[int]] = {}
    for i, f in enumerate(figs):
        if f.sibling_of is not None:
            root = f.sibling_of
            while figs[root].sibling_of is not None:
                root = figs[root].sibling_of
            groups.setdefault(root, [root]).append(i)
    for members in groups.values():
        parts = [figs[i] for i in members]
        total = sum(p.number.floor or 0 for p in parts)
        for j, other in enumerate(figs):
            if j not in members and other.kind == parts[0].kind and other.number.value == total:
                for i in members:
                    figs[i].role, figs[i].parent = "detail", j
                kinds = {p.victims for p in parts}
                other.victims = kinds.pop() if len(kinds) == 1 else "mixed"
                break
    # "180 terrorists were killed across the country. Details: Helmand: 112 ... Kandahar: 23 ...
    # Herat: 31 ... Jowzjan: 14": later figures of the same kind and group that add up exactly
    # to a total told before them are its breakdown.
    for j, t in enumerate(figs):
        if t.role != "total" or not t.number.value or t.number.qualifier != "exact":
            continue
        run, acc = [], 0
        for i in range(j + 1, len(figs)):
            f = figs[i]
            same = f.kind == t.kind and f.unit == t.unit and f.victims in (t.victims, "unspecified")
            if not same or f.role != "total" or f.sent.start == t.sent.start or f.number.value is None:
                continue
            run.append(i)
            acc += f.number.value
            if acc >= t.number.value:
                break
        if acc == t.number.value and len(run) >= 2:
            for i in run:
                figs[i].role, figs[i].parent = "detail", j
    # "5,166 civilian casualties (1,601 deaths and 3,565 injured)": the parts of a combined total.
    for j, c in enumerate(figs):
        if c.kind != "casualties" or c.number.value is None:
            continue
        killed = [
            i for i, f in enumerate(figs) if i > j and f.sent.start == c.sent.start and f.kind == "killed"
        ]
        wounded = [
            i for i, f in enumerate(figs) if i > j and f.sent.start == c.sent.start and f.kind == "wounded"
        ]
        if (
            killed
            and wounded
            and figs[killed[0]].number.value + figs[wounded[0]].number.value == c.number.value
        ):
            for i in (killed[0], wounded[0]):
                figs[i].role, figs[i].parent = "detail", j
    for f in figs:
        if f.detail_of is not None and f.role == "total":
            f.role, f.parent = "detail", f.detail_of
    # A part told as a part ("including ...", "of these, ...", a combined total's killed and
    # wounded) that does not say who it counts is of the same people as its total.
    for f in figs:
        told_as_part = f.detail_of is not None or (
            f.parent is not None and figs[f.parent].kind == "casualties"
        )
        if f.role == "detail" and f.victims == "unspecified" and told_as_part:
            f.victims = figs[f.parent].victims
    seen: dict[tuple[str, int, str], int] = {}
    for i, f in enumerate(figs):
        if f.role != "total" or f.number.value is None:
            continue
        key = (f.kind, f.number.value, f.unit)
        if key in seen:
            f.role, f.parent = "repeat", seen[key]
        else:
            seen[key] = i
    # "5,600 families ... nearly 40,000 people": one group in two units; count the people. The
    # two must be told together and agree on a family of 4 to 10 people.
    for i, f in enumerate(figs):
        if f.role != "total" or f.unit != "families" or not f.number.floor:
            continue
        for j, g in enumerate(figs):
            agree = g.number.floor is not None and 4 <= g.number.floor / f.number.floor <= 10
            same = j != i and g.role == "total" and g.kind == f.kind and g.unit == "people"
            if same and g.sent.start == f.sent.start and agree:
                f.role, f.parent = "repeat", j
                break
