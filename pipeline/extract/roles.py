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
    # to a total told before them are its breakdown. A hedged total takes parts told together that
    # add up to what it allows: "At least 15 civilians were killed ..." then "at least 10 ... in
    # Lashkargah and at least 5 killed ... in Kandahar".
    for j, t in enumerate(figs):
        if t.role != "total" or not t.number.value or any(_same(figs[k], t) for k in range(j)):
            continue
        run = _breakdown(figs, j)
        if run:
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
    # "30 people were killed, including 5 soldiers and 3 civilians": parts of several groups make
    # a total that named none mixed.
    for j, t in enumerate(figs):
        groups = {f.victims for f in figs if f.detail_of == j} - {"unspecified"}
        if t.victims == "unspecified" and len(groups) > 1:
            t.victims = "mixed"
    # A part told as a part ("including ...", "of these, ...", a combined total's killed and
    # wounded) that does not say who it counts is of the same people as its total.
    for f in figs:
        told_as_part = f.detail_of is not None or (
            f.parent is not None and figs[f.parent].kind == "casualties"
        )
        if f.role == "detail" and f.victims == "unspecified" and told_as_part:
            f.victims = figs[f.parent].victims
    seen: dict[tuple, int] = {}
    parts: dict[tuple, int] = {}
    for i, f in enumerate(figs):
        key = _key(f)
        if key is None:
            continue
        if f.role == "detail":
            parts.setdefault(key, i)
        elif f.role == "total" and key in seen:
            f.role, f.parent = "repeat", seen[key]
        elif f.role == "total" and key in parts and _compatible(f, figs[parts[key]]):
            # A part told again ("More than 100 ... in Ghazni" in the bullets and the body).
            f.role, f.parent = "detail", figs[parts[key]].parent
        elif f.role == "total":
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


# How far the parts of a hedged total may add up above it: "over 120 injured" then "85 wounded
# in Lashkargah ... 42 wounded in Kandahar" (127).
ABOVE = {"at_least": 1.25, "more_than": 1.25, "about": 1.1}
TOLD_TOGETHER = 40  # tokens between one part and the next


def _key(f: Figure) -> tuple | None:
    """What makes two figures the same: kind, value (a range's two ends) and unit."""
    if f.number.value is not None:
        return (f.kind, f.number.value, f.unit)
    if f.number.qualifier == "range":
        return (f.kind, f.number.value_low, f.number.value_high, f.unit)
    return None


def _compatible(a: Figure, b: Figure) -> bool:
    """Whether two figures may count the same people: one group, or one of them names none."""
    return a.victims == b.victims or "unspecified" in (a.victims, b.victims)


def _same(a: Figure, b: Figure) -> bool:
    return _key(a) is not None and _key(a) == _key(b)


def _breakdown(figs: list[Figure], j: int) -> list[int]:
    """Later figures that break the total at ``j`` down; none when they do not add up to it.

    An exact total takes parts that add up exactly; a hedged one ("at least", "over", "about")
    parts told together whose floors add up to between its floor and ``ABOVE`` times its value.
    Restatements of the total or of a part are skipped.
    """
    t = figs[j]
    value, qualifier = t.number.value, t.number.qualifier
    if qualifier not in ("exact", *ABOVE):
        return []
    run: list[int] = []
    acc = 0
    for i in range(j + 1, len(figs)):
        f = figs[i]
        same = f.kind == t.kind and f.unit == t.unit and _compatible(f, t)
        floor = f.number.floor
        told_as_part = f.detail_of is not None  # "among them 2 commanders": a part of a part
        if not same or f.role != "total" or told_as_part or f.sent.start == t.sent.start or floor is None:
            continue
        if f.number.value == value or any(_same(f, figs[k]) for k in run):
            continue
        if qualifier != "exact" and f.number.qualifier == "vague":
            continue
        if qualifier != "exact" and run and f.number.start - figs[run[-1]].number.end > TOLD_TOGETHER:
            break
        run.append(i)
        acc += floor
        if acc >= value:
            break
    if len(run) < 2:
        return []
    if qualifier == "exact":
        return run if acc == value and all(figs[i].number.value is not None for i in run) else []
    return run if t.number.floor <= acc <= value * ABOVE[qualifier] else []
