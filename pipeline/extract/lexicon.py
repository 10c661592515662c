"""Phrase rules as data, grouped by family.

Each family is a small function returning plain data (phrases, word sets), with
example sentences in its docstring. ``pipeline.nlp`` turns the phrases into
spaCy ``PhraseMatcher`` patterns; ``pipeline.extract`` applies them. Phrases are
matched case-insensitively on whole tokens.
"""

from __future__ import annotations

# --- numbers ------------------------------------------------------------------


def qualifiers() -> dict[str, str]:
    """Words before a number that qualify it.

    "at least 10 civilians", "more than 300 commandos", "about 75,000 people",
    "up to 200 families".
    """
    return {
        "at least": "at_least",
        "no fewer than": "at_least",
        "no less than": "at_least",
        "a minimum of": "at_least",
        "more than": "more_than",
        "over": "more_than",
        "upwards of": "more_than",
        "in excess of": "more_than",
        "about": "about",
        "around": "about",
        "some": "about",
        "nearly": "about",
        "almost": "about",
        "approximately": "about",
        "roughly": "about",
        "an estimated": "about",
        "estimated": "about",
        "close to": "about",
        "up to": "up_to",
        "as many as": "up_to",
        "at most": "up_to",
    }


def vague_amounts() -> dict[str, int]:
    """Vague amounts and the conservative floor coded for them (ACLED's practice).

    "Hundreds of combatants ... have been killed", "dozens of families fled".
    """
    return {
        "dozens": 12,
        "scores": 20,
        "hundreds": 100,
        "thousands": 1000,
        "tens of thousands": 10_000,
        "hundreds of thousands": 100_000,
        "millions": 1_000_000,
    }


def units_not_people() -> set[str]:
    """Words after a number that mark it as something other than people.

    "35 km from Lashkar Gah", "90 percent complete", "24 hours", "10 of the 14 districts".
    """
    return {
        "km", "kilometres", "kilometers", "kilometre", "kilometer", "miles", "mile", "metres", "meters",
        "%", "percent", "per", "cent", "hours", "hour", "days", "day", "weeks", "week", "months", "month",
        "years", "year", "year-old", "minutes", "am", "pm", "a.m.", "p.m.", "districts", "district",
        "provinces", "province", "villages", "checkpoints", "outposts", "vehicles", "tanks", "aircraft",
        "helicopters", "rockets", "mortars", "dollars", "afghanis", "tons", "tonnes", "kg", "times",
    }  # fmt: skip


# --- casualty and displacement figures -----------------------------------------


def killed() -> dict[str, list[str]]:
    """Killed: a number followed ("14 people were killed") or preceded ("killed 14 people").

    "69 Taliban terrorists were killed", "the militants killed 14 people",
    "the death toll rose to 20", "seven civilians lost their lives".
    """
    return {
        "after": [
            "killed", "dead", "died", "martyred", "lost their lives", "lost their life", "lost his life",
            "perished", "slain", "shot dead", "executed", "beheaded", "massacred", "were killed",
            "have died", "bodies", "dead bodies", "deaths", "fatalities", "civilian deaths", "martyrs",
        ],
        "before": [
            "killed", "killing", "kills", "kill", "martyred", "claimed the lives of", "lost",
            "death toll rose to", "death toll climbed to", "death toll reached", "death toll of",
            "death toll has risen to", "death toll stood at", "death toll stands at",
            "deaths of", "bodies of", "massacre of", "executed",
        ],
    }  # fmt: skip


def wounded() -> dict[str, list[str]]:
    """Wounded.

    "23 others were wounded", "at least 10 civilians had been taken to hospital",
    "wounding 30", "injured 12 policemen".
    """
    return {
        "after": [
            "wounded", "injured", "hurt", "taken to hospital", "taken to hospitals", "hospitalised",
            "hospitalized", "sustained injuries", "admitted to hospital", "were wounded", "were injured",
            "injuries", "being treated", "were treated", "treated for", "receiving treatment",
        ],
        "before": ["wounded", "wounding", "injured", "injuring", "wounds", "injures"],
    }  # fmt: skip


def displaced() -> dict[str, list[str]]:
    """Displaced.

    "Around 30,000 people have been displaced in Helmand", "about 75,000 people have fled
    their homes", "forced 5,000 families to flee", "the displacement of 1,200 families".
    """
    return {
        "after": [
            "displaced", "fled their homes", "fled their houses", "fled their villages", "fled the city",
            "fled the fighting", "fled the district", "fled the area", "have fled", "had fled", "fled",
            "forced to flee", "to flee", "to flee their homes", "forced from their homes",
            "arrived in", "have arrived in", "had arrived in", "arrived in the city",
            "forced out of their homes", "uprooted",
            "left their homes", "abandoned their homes", "newly displaced", "internally displaced",
            "became displaced", "been displaced",
        ],
        "before": [
            "displaced", "displacing", "displaces", "uprooted", "uprooting", "displacement of",
            "newly displaced",
        ],
    }  # fmt: skip


def casualties() -> dict[str, list[str]]:
    """Combined totals that are neither only killed nor only wounded.

    "30 people were killed or wounded", "the attack caused 40 casualties".
    """
    return {
        "after": [
            "killed or wounded", "killed or injured", "dead or wounded", "dead or injured",
            "wounded or killed", "injured or killed", "killed and wounded", "killed and injured",
            "dead and wounded", "casualties",
        ],
        "before": [
            "killing or wounding", "killing or injuring", "casualties of", "killed and wounded",
            "killed or wounded", "killed and injured", "dead and wounded",
        ],
    }  # fmt: skip


def toll_verbs() -> list[str]:
    """Verbs that give a running count its new value: "the death toll ... has risen to 55"."""
    return [
        "rose to", "risen to", "has risen to", "had risen to", "climbed to", "has climbed to",
        "jumped to", "increased to", "has increased to", "reached", "has reached", "stands at",
        "stood at", "now stands at", "is", "was", "of", "to", "at",
    ]  # fmt: skip


def toll_heads() -> dict[str, str]:
    """Running counts (regular expressions) and the kind of figure they give, looked for earlier in
    the sentence.

    "The death toll from Saturday's attack has risen to 55", "the number of displaced rose to 40,000",
    "bringing the number of people uprooted by conflict in Afghanistan to more than 3.5 million".
    """
    return {
        r"\bdeath toll\b": "killed", r"\btoll\b": "killed",
        r"\bnumber of (?:\w+ ){0,2}(?:dead|deaths|killed|fatalities)\b": "killed",
        r"\bnumber of (?:\w+ ){0,2}(?:wounded|injured)\b": "wounded",
        r"\bnumber of (?:\w+ ){0,2}(?:displaced|uprooted|idps|internally displaced)\b": "displaced",
        r"\bcasualty toll\b": "casualties", r"\bnumber of (?:\w+ ){0,2}casualties\b": "casualties",
    }  # fmt: skip


def elliptic_heads() -> set[str]:
    """What may follow a number that names no group of its own, so it takes the group before it.

    "180 Taliban terrorists were killed and 63 were wounded", "112 terrorists were killed and
    41 wounded", "69 Taliban were killed and 23 others were wounded".
    """
    return {"others", "other", "more", "were", "was", "wounded", "injured", "hurt", "killed", "dead"}


def capacity_words() -> set[str]:
    """Words before a number that make it what aid can cover, not people hurt: "supplies
    sufficient to treat 500 wounded patients", "enough beds for 200 wounded"."""
    return {"sufficient", "enough", "capacity"}


def recap_openers() -> set[str]:
    """Sentence openings that make the next number a part of the last figure before it.

    "Of these, 81 were children.", "Among them were 14 children."
    """
    return {
        "of these ,", "of these", "of them ,", "of them", "among them were", "among them ,", "among them",
        "among the dead were", "among the victims were", "among the wounded were", "they included",
        "these included", "of the dead ,", "of the wounded ,", "of those ,", "of those killed ,",
        "of those wounded ,", "including", "of the injured ,", "of those injured ,", "of the killed ,",
        "of the victims ,", "of those dead ,",
    }  # fmt: skip


def aid_words() -> set[str]:
    """Words that make "3,000 displaced families" aid recipients rather than a displacement figure."""
    return {
        "received", "receive", "receiving", "assisted", "distributed", "provided", "supported", "reached",
        "helped", "registered", "benefited", "benefitted", "interviews", "interviewed", "surveyed",
    }  # fmt: skip


def figure_kinds() -> dict[str, dict[str, list[str]]]:
    """All figure families by kind."""
    return {"killed": killed(), "wounded": wounded(), "displaced": displaced(), "casualties": casualties()}


# --- victims --------------------------------------------------------------------


def victims() -> dict[str, set[str]]:
    """Words naming who a figure counts, by victim group.

    "10 policemen" (security_forces), "69 Taliban terrorists" (militants),
    "10 civilians" (civilians), "14 people" (unspecified).
    """
    return {
        "civilians": {
            "civilian", "civilians", "resident", "residents", "villager", "villagers", "women", "woman",
            "children", "child", "kids", "girls", "boys", "students", "student", "passengers", "worshippers",
            "worshipers", "farmers", "workers", "journalists", "teachers", "doctors", "pilgrims",
            "shoppers", "bystanders", "non-combatants", "noncombatants", "families", "family",
            "households", "household", "idps", "refugees",
        },
        "security_forces": {
            "police", "policemen", "policeman", "policewomen", "officers", "officer", "soldiers", "soldier",
            "troops", "commandos", "commando", "servicemen", "personnel", "guards", "guardsmen", "army",
            "ana", "anp", "andsf", "nds", "security", "forces", "militiamen", "marines", "sf",
            "pro-government", "service", "members", "member", "force", "guard", "alp", "kka", "apf",
            "uprising",
        },
        "militants": {
            "militants", "militant", "insurgents", "insurgent", "taliban", "terrorists", "terrorist",
            "rebels", "rebel", "attackers", "attacker", "gunmen", "gunman", "daesh", "isis", "isil",
            "jihadists", "bombers", "enemy", "fighters", "fighter", "extremists",
        },
        "unspecified": {
            "people", "persons", "person", "individuals", "others", "other", "combatants", "men", "patients",
            "afghans", "victims", "casualties",
        },
    }  # fmt: skip


def gap_words() -> set[str]:
    """Words that may stand between a number and its trigger without breaking the link.

    "75,000 people have fled", "69 #Taliban terrorists were killed",
    "Hundreds of combatants on both sides and Afghan civilians have reportedly been killed".
    """
    return {
        "#", "of", "the", "and", "on", "both", "sides", "afghan", "local", "government", "national",
        "were", "was", "have", "has", "had", "been", "are", "is", "be", "being", "more", "also",
        "reportedly", "allegedly", "apparently", "all", "them", "whom", "who", "they", "border",
        "special", "armed", "innocent", "foreign", "us", "u.s.", "american", "british", "nato",
        "coalition", "pakistani", "afghans", "province", "provincial", "district", "city", "'s", "’s",
        "other", "another", "additional", "further", "newly", "including", "among", "mostly", "most",
        "mainly", "many", "(", ")", "at", "least", "same", "family's", "civilian", "forced", "already",
        "a", "an", "their", "his", "key", "senior", "commander", "commanders", "nationals", "still",
        "reported", "confirmed", "so", "far", "total", "iranian", "tajik", "uzbek", "turkmen",
        "indian", "chinese", "russian", "frontier", "corps", "afghanistan's",
    }  # fmt: skip


# --- capitals and districts under pressure ----------------------------------------


LEVELS = ("threatened", "attacked", "besieged", "breached", "fell", "retaken")


def pressure_triggers() -> dict[str, list[str]]:
    """Phrases that put a capital (or a district) under pressure, by level.

    threatened: "the insurgents are threatening the provincial capital, Lashkar Gah"
    attacked:   "an all-out assault on Qala-i-Naw", "heavy fighting raging ... in parts of Mehtarlam"
    besieged:   "Lashkar Gah, a city practically besieged", "also surrounded the city"
    breached:   "briefly stormed into Kunduz", "seized the police headquarters"
    fell:       "last September's brief capture of ... Kunduz", "seized the districts of Musa Qala"
    retaken:    "retaken the district of Khanishin", "take back provincial capital Qala-e-Naw"
    """
    return {
        "threatened": [
            "threatening", "threatened", "threaten", "threatens", "came close to", "come close to",
            "comes close to", "coming close to", "close to taking", "close to capturing",
            "close to seizing", "close to overrunning", "closing in on", "closed in on", "close in on",
            "closes in on", "on the outskirts of", "outskirts of", "on its outskirts", "at the gates of",
            "edge of", "approaching", "advancing on", "advanced on", "advance on", "from overrunning",
            "from overrunning an", "verge of falling", "risk of falling", "fighting near",
            "fighting around", "fighting was also taking place in", "key security outposts around",
            "around its capital", "around the city", "pressure on", "encroaching on", "pressing on",
            "nearly overrun", "almost overrun", "kilometres from the city", "kilometers from the city",
            "km from the city", "kilometres from", "kilometers from", "closer to", "moved closer to",
            "districts around", "surrounding districts", "districts surrounding", "near the city",
            "fighting on its outskirts", "fighting on the outskirts of", "kilometres of", "kilometers of",
            "km of", "miles of", "outskirts", "taken up positions", "positions around", "massed around",
            "mass around", "reached the outskirts", "reaches", "reached",
        ],
        "attacked": [
            "attack on", "attacks on", "attacked", "attacking", "assault on", "assaults on",
            "all-out assault", "multi-pronged assault", "fighting in", "fighting raged", "fighting rages in",
            "fighting raging", "fighting raging in", "fighting", "heavy fighting", "days of fighting",
            "days of heavy fighting", "fighting for the city", "fighting has reached", "clashes",
            "clashes in", "heavy clashes", "battles", "battle for", "gunfire", "shelling", "shelled",
            "rocket attack on", "rockets struck", "mortar rounds landed", "mortar rounds hit",
            "mortars landed", "rockets landed", "rockets hit", "fired rockets", "fired mortars",
            "mortar attack", "mortar fire", "mortar round struck", "mortar round hit", "mortar rounds struck",
            "mortar round landed", "rocket struck", "rocket hit", "rocket landed",
            "offensive on", "attempt to seize", "attempted to seize", "attempt to capture",
            "attempted to capture", "attempted to overrun", "attempts to overrun", "under attack",
            "assault", "offensive against", "assault to capture", "fighting in parts of", "in parts of",
            "push into", "pushed into", "to seize", "to capture", "to take", "fighting inside the city",
            "fighting was continuing inside", "fighting continued inside", "battle", "day-long battle",
            "battle for control of", "fighting rages inside", "fighting raged inside", "clashes inside",
        ],
        "besieged": [
            "besieged", "besiege", "besieging", "under siege", "siege of", "laid siege to", "surrounded",
            "surround", "encircled", "encircle", "encircling", "cut off", "roads cut",
            "blocked the highway", "blocked the highways", "blocked the roads", "highways blocked",
            "roads blocked", "cut the roads", "cut the highway", "blocked the main road", "blocked the road",
            "blocked all roads", "blocked all the roads", "cut the main road",
        ],
        "breached": [
            "stormed into", "stormed", "storm into", "entered the city", "entering the city",
            "enter the city", "inside the city", "roaming the city", "briefly seized", "hoisting their flag",
            "hoisted their flag", "raised their flag", "raising their flag", "still present in",
            "were still present in", "broke into", "breached", "infiltrated",
            "gates of the city jail", "seized the police headquarters", "stormed the police headquarters",
            "entered several districts of", "entered the governor's office",
            "entered", "prison gates", "jail gates", "opened the gates", "freed hundreds of prisoners",
            "freed prisoners", "inside the governor's office", "breaking into", "breaking into the city jail",
            "overrunning the governor's compound", "overran the governor's compound",
            "stormed the governor's compound",
        ],
        "fell": [
            "fell to", "fell", "fall of", "fallen", "to fall", "to fall to", "fallen to", "has fallen",
            "had fallen", "captured", "capture of", "capturing", "overran", "overrun", "seized",
            "seizing", "seized control of", "seizing control of", "took control of", "taken control of",
            "take control of", "takeover of", "taken over", "claimed", "under taliban control",
            "under the control of", "under their control", "took", "take", "taking", "taken",
            "was taken", "was surrendered to", "has collapsed", "collapsed",
            "capture", "seize", "seizes", "captures", "overruns", "briefly captured", "briefly took",
            "handed to", "handed over", "handed over to", "handed the city to", "handover", "the handover",
            "surrendered the provincial capital", "surrendered the city", "without a fight", "took over",
            "take over", "taking over",
        ],
        "retaken": [
            "retaken", "retook", "retake", "recaptured", "recapture", "recapturing", "take back",
            "took back", "taken back", "taking back", "regained control of", "regained", "reclaimed",
            "cleared of", "is cleared", "was cleared", "drove", "driven out", "flushed out",
            "drove the taliban out of", "pushed the taliban out of", "driven out of",
            "expelled the taliban from", "cleared the city of", "were flushed out", "pushed out of",
            "were pushed out of", "cleared", "pushed them out of", "pushed the militants out of",
            "cleared them from", "cleared them out of", "cleared the taliban from", "cleared from",
        ],
    }  # fmt: skip


def tight_triggers() -> set[str]:
    """Pressure phrases so common elsewhere that the place must follow at once.

    "claimed Khanishin last week" is a fall; "claimed the lives of 14" is not.
    """
    return {
        "claimed", "fell", "seized", "seizing", "captured", "capturing", "surrounding", "to seize",
        "to capture", "edge of", "in parts of", "drove", "driven out", "regained", "threatened", "stormed",
        "took", "take", "taking", "taken", "to take", "entered", "capture", "seize", "seizes", "captures",
        "cleared", "collapsed", "closer to", "attacking", "regained control of", "took control of",
        "seized control of", "taken control of", "take control of", "seizing control of", "handed to",
        "handed over", "handed over to", "handed the city to", "handover", "the handover", "took over",
        "take over", "taking over", "overrun", "overran", "overruns", "overrunning", "reaches", "reached",
    }  # fmt: skip


def target_fillers() -> set[str]:
    """Words that may stand between a close-bound phrase and its place.

    "captured the northern Afghan city of Kunduz", "seized the districts of Musa Qala".
    """
    return {
        "the", "district", "districts", "of", "city", "control", "provincial", "capital", "centre", "center",
        "border", "town", "key", "strategic", "most", "parts", "large", "much", "afghan", "northern",
        "southern", "eastern", "western", "northwestern", "northeastern", "southwestern", "southeastern",
        "central", "a", "an", "embattled", "besieged", "centres", "centers",
    }  # fmt: skip


def subject_fillers() -> set[str]:
    """Words that may stand between a place and the verb it is the subject of: "Herat city has fallen",
    "Farah and Ghazni were overrun", "Farah in the west was overrun"."""
    return {
        "was", "were", "has", "had", "have", "been", "is", "are", "also", "finally", "city", "district",
        "centre", "center", "in", "the", "north", "south", "east", "west", "northeast", "northwest",
        "southeast", "southwest", "both",
    }  # fmt: skip


def object_prepositions() -> set[str]:
    """A phrase ending in one of these takes the place after it: "assault on", "the outskirts of"."""
    return {"of", "on", "to", "in", "into", "for", "around", "near", "from", "against"}


def list_words() -> set[str]:
    """Words that may join places in one list under one phrase.

    "the districts of Musa Qal'ah and Now Zad", "from Kunduz and Baghlan in the north to Farah",
    "the city of Kunduz on Sunday, as well as the provincial capitals of Sar-e Pul and Taloqan".
    """
    return {
        "and", ",", "or", "as", "well", "the", "provincial", "capitals", "capital", "cities", "of", "from",
        "to", "in", "north", "south", "east", "west", "northern", "southern", "eastern", "western",
        "northwest", "northeast", "southwest", "southeast", "on", "monday", "tuesday", "wednesday",
        "thursday", "friday", "saturday", "sunday", "province", "districts", "district", "city", "also",
        "night", "morning", "evening", "afternoon", "later", "then",
    }  # fmt: skip


def hostile_words() -> set[str]:
    """Words that show a nearness phrase is about an enemy: "Taliban ... five kilometres from the city"."""
    return {
        "taliban", "insurgents", "militants", "fighters", "fighting", "clashes", "attack", "attacks",
        "attacked", "offensive", "gunmen", "enemy", "insurgent", "militant", "daesh", "isis", "nsag",
        "advance", "advanced", "advancing",
    }  # fmt: skip


def needs_hostile() -> set[str]:
    """Nearness phrases that are a threat only when an enemy is in the sentence."""
    return {
        "kilometres from the city", "kilometers from the city", "km from the city", "kilometres from",
        "kilometers from", "kilometres of", "kilometers of", "km of", "miles of", "near the city",
        "closer to", "moved closer to", "outskirts", "taken up positions", "positions around",
        "reached the outskirts", "reaches", "reached",
    }  # fmt: skip


def road_cuts() -> set[str]:
    """Besieging phrases about roads: they besiege the city they start from, not where a road goes."""
    return {
        "cut the highway", "blocked the highway", "blocked the highways", "blocked the roads",
        "cut the roads",
        "blocked the main road", "blocked the road", "blocked all roads", "blocked all the roads",
        "cut the main road", "cut off", "roads cut", "highways blocked", "roads blocked",
    }  # fmt: skip


def generic_attacks() -> set[str]:
    """Attack phrases that say nothing of the target: a name shared by a province and its city
    ("fighting ... in Herat") is then the province, not the city, unless the text says "city"."""
    return {
        "fighting", "heavy fighting", "clashes", "heavy clashes", "battles", "gunfire",
        "rockets", "attacking", "days of fighting", "days of heavy fighting", "fighting in", "clashes in",
    }  # fmt: skip


def proximity_words() -> set[str]:
    """Words that put fighting near a city rather than in it: an attack phrase becomes a threat.

    "fighting Afghan forces just five kilometres from the city", "clashes on the outskirts of Hirat".
    """
    return {"outskirts", "kilometres", "kilometers", "km", "miles", "edge"}


def nearness_words() -> set[str]:
    """Words that put fighting near a city only when they stand right before its name: "fighting
    around Taloqan", "clashes near Qalat"; not "rockets landed near the governor's compound"."""
    return {"near", "around", "close", "closer"}


def reference_points() -> tuple[str, ...]:
    """Phrases before a place that make it a point of reference: "95 kilometres north of Lashkar Gah"."""
    return ("kilometres", "kilometers", "km", "miles")


def denials() -> set[str]:
    """Words that deny a fall or a breach anywhere in its sentence: "reports ... are baseless"."""
    return {"baseless", "denied", "denies", "deny", "rejected", "rumours", "rumors", "untrue", "false"}


def city_implying() -> set[str]:
    """Pressure phrases that imply a city even when their sentence names none (it is the one being
    discussed): "On Wednesday, the Taliban briefly seized the police headquarters"."""
    return {
        "briefly seized", "gates of the city jail", "prison gates", "jail gates", "opened the gates",
        "freed prisoners", "freed hundreds of prisoners", "entered the governor's office",
        "inside the governor's office", "seized the police headquarters",
        "stormed the police headquarters", "entered several districts of",
        "overrunning the governor's compound", "overran the governor's compound",
        "stormed the governor's compound", "breaking into the city jail",
    }  # fmt: skip


def attempts() -> set[str]:
    """Words before a breach or a fall that make it only an attempt: "an attempt to ... enter the city"."""
    return {"attempt", "attempts", "attempted", "attempting", "tried", "trying", "bid", "sought", "seeking"}


def negations() -> set[str]:
    """Words just before a trigger that cancel it: "the city will not fall"."""
    return {
        "not", "never", "n't", "no", "will", "would", "could", "may", "might", "fears", "if", "prevent",
        "unable",
    }  # fmt: skip


def city_references() -> list[str]:
    """Phrases naming a capital without its name, resolved from context.

    "surrounded the city", "an Afghan provincial capital", "the provincial center".
    """
    return [
        "the city", "the provincial capital", "the provincial centre", "the provincial center",
        "an afghan provincial capital", "a provincial capital", "a western provincial capital",
        "an eastern provincial capital", "a northern provincial capital", "a southern provincial capital",
        "an eastern provincial center", "afghan city", "the strategic city", "the regional capital",
        "provincial capital", "provincial center", "provincial centre", "the capital", "regional capital",
        "capital",
        "the city jail", "city jail",
    ]  # fmt: skip


def national_scope() -> list[str]:
    """Phrases that make a figure national rather than local when its sentence names no place.

    "Hundreds of combatants ... have been killed since the start of this month", after
    "Violence has escalated across many Afghan provinces".
    """
    return [
        "across the country", "across afghanistan", "nationwide", "countrywide", "country-wide",
        "across many afghan provinces", "across the war-torn country", "several provincial capitals",
        "in afghanistan", "afghanistan's", "of afghanistan",
        "several provinces", "many provinces", "across many provinces",
    ]  # fmt: skip


def reporting_verbs() -> set[str]:
    """Verbs whose date is when something was said, not when it happened: "officials said on Tuesday"."""
    return {"said", "says", "told", "stated", "announced", "reported", "confirmed", "added", "tweeted"}


def district_references() -> list[str]:
    """Phrases naming a district without its name: "The region ... had fallen to the Taliban"."""
    return ["the district", "the region", "the district centre", "the district center"]


# --- page furniture ---------------------------------------------------------------


def furniture_headers() -> set[str]:
    """Lines that start page furniture: everything after them (to the end) is not the article.

    "Opinion", "Editorial", "Related Stories", "Comments".
    """
    return {
        "opinion", "editorial", "related", "related stories", "related articles", "related news",
        "related coverage", "related posts", "related content", "more on this story", "more from",
        "more stories", "most popular", "most read", "most viewed", "comments", "leave a comment",
        "recommended", "you may also like", "you might also like", "trending", "latest news",
        "also read", "top stories", "in other news", "share this article", "read more", "related galleries",
        "related videos", "more galleries", "more videos", "previous issues", "past issues", "archive",
    }  # fmt: skip


def furniture_lines() -> tuple[str, ...]:
    """Prefixes of single lines that are page furniture wherever they stand: "READ MORE: ..."."""
    return (
        "read more:", "source: read full article", "also read:", "related:", "advertisement", "trending:",
        "previous issues:", "past issues:", "previous editions:",
        "share this", "follow us", "click here", "subscribe",
    )  # fmt: skip
