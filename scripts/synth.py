"""A seeded generator of SYNTHETIC articles for benchmarks: never mix its output into data/articles.

Each article is a few paragraphs in the phrasing of conflict reporting, with random provinces,
capitals and districts from the gazetteer, figures written in every way the extractor reads
(digits, separators, words, qualifiers, vague amounts, families), dates, and filler
paragraphs of generated words, so that the vocabulary keeps growing and the tokenizer's cache
does not flatter the numbers. Every record says ``"synthetic": true`` and its source is
"SYNTHETIC".

    python scripts/synth.py 10000 /tmp/sitrep-bench/10k      # writes JSONL files of 1,000 articles
"""

from __future__ import annotations

import datetime as dt
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.extract.places import CAPITAL, DISTRICT, PROVINCE, load_gazetteer  # noqa: E402

WORDS = [
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "twelve",
    "fifteen",
    "twenty",
]
QUALIFIERS = ["", "", "", "at least ", "more than ", "about ", "nearly ", "some ", "up to ", "around "]
VAGUE = ["dozens of", "hundreds of", "scores of", "thousands of"]
VICTIMS = [
    "civilians",
    "people",
    "policemen",
    "soldiers",
    "Taliban fighters",
    "insurgents",
    "women and children",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
SYLLABLES = [
    "ka",
    "ra",
    "zan",
    "gul",
    "mir",
    "sha",
    "dar",
    "khan",
    "bad",
    "ab",
    "ni",
    "lo",
    "qa",
    "tep",
    "zai",
]


def number(rng: random.Random, small: bool = False) -> str:
    """A number written the way reports write them."""
    r = rng.random()
    if small or r < 0.25:
        return rng.choice(WORDS) if rng.random() < 0.5 else str(rng.randint(2, 60))
    if r < 0.8:
        return f"{rng.choice(QUALIFIERS)}{rng.randint(100, 90000):,}"
    if r < 0.9:
        return f"{rng.randint(1, 9)}.{rng.randint(1, 9)} million"
    return rng.choice(VAGUE)


def filler(rng: random.Random) -> str:
    """A paragraph of generated words: new vocabulary in every article."""
    words = []
    for _ in range(rng.randint(25, 70)):
        word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 4)))
        words.append(word.capitalize() if rng.random() < 0.1 else word)
    return " ".join(words).capitalize() + "."


def article(rng: random.Random, places: dict[str, list], i: int) -> dict:
    """One synthetic article record."""
    cap = rng.choice(places[CAPITAL])
    district = rng.choice([d for d in places[DISTRICT] if d.province == cap.province] or places[DISTRICT])
    day = dt.date(2015, 1, 1) + dt.timedelta(days=rng.randint(0, 6 * 365))
    when = rng.choice(WEEKDAYS)
    paragraphs = [
        f"Taliban fighters attacked {cap.name}, the capital of {cap.province} province, on {when}, "
        f"officials said. {number(rng, small=True).capitalize()} {rng.choice(VICTIMS)} were killed and "
        f"{number(rng, small=True)} others were wounded in the fighting.",
        f"The insurgents seized the {district.name} district on {rng.choice(WEEKDAYS)} after days of "
        f"clashes, and {number(rng)} people have fled their homes in {cap.province}, a local official said.",
        filler(rng),
        f"About {rng.randint(100, 5000):,} families were displaced from {district.name}, according to a UN "
        f"report. The city's {rng.randint(50, 900) * 1000:,} residents remain in fear, "
        f"{rng.randint(20, 70)} km from the front line.",
    ]
    for _ in range(rng.randint(0, 4)):
        paragraphs.append(filler(rng))
    if rng.random() < 0.3:
        paragraphs.append(
            f"Government forces retook {cap.name} on {rng.choice(WEEKDAYS)}, the ministry said."
        )
    rng.shuffle(paragraphs[2:])
    return {
        "id": f"synthetic-{i}",
        "title": f"SYNTHETIC report {i}",
        "source": "SYNTHETIC",
        "published": day.isoformat() if rng.random() < 0.9 else "",
        "synthetic": True,
        "text": f"SYNTHETIC ARTICLE {i}\n\n" + "\n\n".join(paragraphs),
    }


def generate(n: int, out: Path, seed: int = 7, per_file: int = 1000, start: int = 0) -> list[Path]:
    """Write ``n`` synthetic articles as JSONL files under ``out``; returns the files."""
    gaz = load_gazetteer()
    places = {label: [p for p in gaz.places if p.label == label] for label in (CAPITAL, DISTRICT, PROVINCE)}
    rng = random.Random(seed + start)
    out.mkdir(parents=True, exist_ok=True)
    files = []
    for first in range(start, start + n, per_file):
        path = out / f"synthetic-{first:07d}.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for i in range(first, min(first + per_file, start + n)):
                fh.write(json.dumps(article(rng, places, i)) + "\n")
        files.append(path)
    return files


if __name__ == "__main__":
    generate(int(sys.argv[1]), Path(sys.argv[2]))
