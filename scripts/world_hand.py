"""Hand-kept facts for ``scripts/build_world.py``: English names, short forms, demonyms, ambiguity.

The packages give ISO names ("Iran, Islamic Republic of"), local division names ("Ḩalab") and
one demonym per country, some of them odd ("Tadzhik", "Djibouti"). What the English-language
press writes is kept here, reviewable without reading the build logic. Public knowledge; where
a value replaces the package's, the package's is noted.
"""

from __future__ import annotations

# The common English name, where neither countryinfo's nor pycountry's is the one in use.
NAMES = {
    "COD": "Democratic Republic of the Congo",
    "COG": "Republic of the Congo",
    "MAF": "Saint Martin",
    "MKD": "North Macedonia",  # countryinfo: Republic of Macedonia (renamed 2019)
    "SWZ": "Eswatini",  # countryinfo: Swaziland (renamed 2018)
    "SXM": "Sint Maarten",
    "VAT": "Vatican City",
    "VGB": "British Virgin Islands",
    "VIR": "U.S. Virgin Islands",
    "PSE": "Palestine",
    "FLK": "Falkland Islands",
}

# Spellings in real use that no package carries, or carries only inverted ("Korea, Republic of").
ALIASES = {
    "AFG": ["Islamic Emirate of Afghanistan"],
    "ARE": ["UAE", "U.A.E."],
    "BIH": ["Bosnia", "Bosnia-Herzegovina"],
    "BHS": ["The Bahamas"],
    "BRN": ["Brunei"],
    "CHN": ["PRC", "People's Republic of China"],
    "CIV": ["Ivory Coast", "Cote d'Ivoire"],
    "COD": ["DR Congo", "D.R. Congo", "DRC", "Democratic Republic of Congo", "Congo-Kinshasa", "Congo"],
    "COG": ["Republic of Congo", "Congo-Brazzaville"],
    "CPV": ["Cape Verde"],
    "CZE": ["Czech Republic", "Czechia"],
    "FSM": ["Micronesia"],
    "GBR": ["UK", "U.K.", "Britain", "Great Britain"],
    "GMB": ["The Gambia", "Gambia"],
    "KNA": ["St Kitts and Nevis", "St. Kitts and Nevis"],
    "KOR": ["South Korea", "Republic of Korea"],
    "LAO": ["Laos"],
    "LCA": ["St Lucia", "St. Lucia"],
    "MKD": ["Macedonia", "Republic of North Macedonia"],
    "MMR": ["Burma"],
    "NLD": ["Holland", "The Netherlands"],
    "PRK": ["North Korea", "DPRK"],
    "PSE": ["State of Palestine", "Palestinian territories", "Palestinian Territories",
            "occupied Palestinian territory", "Occupied Palestinian Territory"],
    "RUS": ["Russia"],
    "SAU": ["KSA"],
    "STP": ["Sao Tome and Principe", "Sao Tome"],
    "SYR": ["Syria"],
    "TLS": ["East Timor"],
    "TUR": ["Turkey", "Turkiye"],
    "TWN": ["Taiwan"],
    "USA": ["US", "U.S.", "USA", "U.S.A.", "United States", "United States of America", "America"],
    "VAT": ["Vatican", "Holy See"],
    "VCT": ["St Vincent and the Grenadines", "St. Vincent and the Grenadines"],
    "VNM": ["Vietnam", "Viet Nam"],
    "SWZ": ["Swaziland", "Kingdom of Eswatini"],
}  # fmt: skip

# Package spellings that are not safe: a code-like short form, a word, the other Congo's name.
ALIAS_DROP = {
    "COG": {"Congo"},  # bare "Congo" is the DRC in wire style; see ALIASES["COD"]
    "IMN": {"Mann"},
    "ISL": {"Island"},
    "THA": {"Thai"},  # a demonym, listed as such
    "TGO": {"Togolese"},
    "MNE": {"Montenegrin"},
    "ZAF": {"RSA"},
    "MKD": {"Republic of Macedonia"},  # the name before 2019, still matched as "Macedonia"
}

# Acronyms kept although shorter than the 4-character floor of package spellings.
SHORT_OK = {"UK", "U.K.", "US", "U.S.", "USA", "UAE", "DRC", "KSA", "PRC", "DPRK"}

# Demonyms replacing countryinfo's (its value in the comment) or given where it has none.
DEMONYMS = {
    "CPV": ["Cape Verdean"],  # Cape Verdian
    "CUW": ["Curacaoan"],
    "CXR": ["Christmas Islander"],  # Christmas Island
    "DJI": ["Djiboutian"],  # Djibouti
    "GIB": ["Gibraltarian"],  # Gibraltar
    "GNB": ["Bissau-Guinean"],  # Guinea-Bissauan
    "GUF": ["French Guianese"],
    "KGZ": ["Kyrgyz", "Kyrgyzstani"],  # Kirghiz
    "MDV": ["Maldivian"],  # Maldivan
    "TCA": ["Turks and Caicos Islander"],
    "TJK": ["Tajik", "Tajikistani"],  # Tadzhik
    "VAT": [],  # Vaticanian: not in use
    "VGB": ["British Virgin Islander"],
    "VIR": ["U.S. Virgin Islander"],
}

# Forms added to countryinfo's: the nouns and adjectives the press also uses.
DEMONYM_EXTRA = {
    "ARE": ["Emiratis"],
    "ARG": ["Argentine", "Argentinian"],
    "AZE": ["Azeri"],
    "BFA": ["Burkinabè"],
    "BWA": ["Batswana"],
    "CZE": ["Czechs"],
    "DNK": ["Dane", "Danes"],
    "ECU": ["Ecuadorian"],
    "ESP": ["Spaniard", "Spaniards"],
    "FIN": ["Finn", "Finns"],
    "GBR": ["Briton", "Britons"],
    "HKG": ["Hongkonger", "Hong Konger"],
    "KAZ": ["Kazakh", "Kazakhs"],
    "LAO": ["Lao"],
    "MAC": ["Macanese"],
    "MKD": ["North Macedonian"],
    "NPL": ["Nepali", "Nepalis"],
    "PHL": ["Philippine"],
    "POL": ["Pole", "Poles"],
    "SAU": ["Saudi", "Saudis"],
    "SOM": ["Somalian"],
    "SUR": ["Surinamese"],
    "SVN": ["Slovenian"],
    "SWE": ["Swede", "Swedes"],
    "TKM": ["Turkmenistani"],
    "TLS": ["Timorese"],
    "TUR": ["Turk", "Turks"],
    "UZB": ["Uzbek", "Uzbeks"],
}

# Demonyms with no regular plural ("the Swiss", "Burmese"): ends or whole forms.
NO_PLURAL_ENDINGS = ("ese", "ish", "ch", "ss", "sh", "x", "z", "e", "s", "ic", "Ni-Vanuatu", "I-Kiribati")
NO_PLURAL = {"Motswana", "Batswana", "Mosotho", "Malagasy", "Turkmen", "Lao", "Kittian and Nevisian"}

# Country spellings that are also common words, people's names, rivers or other places: a
# match needs a country context. spelling -> reason.
AMBIGUOUS = {
    "GEO": {"Georgia": "a US state and a given name", "Georgian": "a US state's adjective, an era"},
    "JOR": {"Jordan": "a given name and a river"},
    "TCD": {"Chad": "a given name"},
    "NER": {"Niger": "a river; part of Nigeria's name"},
    "TUR": {"Turkey": "an English word"},
    "GIN": {"Guinea": "an English word; part of three other countries' names", "Guinean": "likewise"},
    "JEY": {"Jersey": "an English word; New Jersey"},
    "GGY": {"Guernsey": "an English word"},
    "DMA": {"Dominica": "easily confused with the Dominican Republic"},
    "COD": {"Congo": "also the Republic of the Congo and the river"},
    "USA": {"America": "also the continent (South America, Latin America)"},
    "MKD": {"Macedonia": "also a region of Greece", "Macedonian": "likewise"},
    "BEN": {"Benin": "also Benin City, Nigeria"},
    "MAF": {"Saint Martin": "a saint; many places"},
    "REU": {"Reunion": "an English word"},
    "POL": {"Polish": "an English word", "Pole": "an English word", "Poles": "an English word"},
    "FIN": {"Finn": "a given name"},
    "DOM": {"Dominican": "also Dominica's adjective, a religious order"},
    "IND": {"Indian": "also Native American, the Indian Ocean"},
}

# Divisions: English spellings in use that the packages lack or get wrong; and package
# spellings to drop. Keyed by ISO 3166-2 code.
DIVISION_ALIASES = {
    "IR-09": ["Razavi Khorasan", "Khorasan Razavi", "Khorasan-e Razavi"],
    "IR-11": ["Sistan-Baluchestan", "Sistan and Baluchistan", "Sistan-Baluchistan"],
    "IR-14": ["Chaharmahal and Bakhtiari"],
    "IR-17": ["Kohgiluyeh and Boyer-Ahmad", "Kohgiluyeh and Boyer Ahmad"],
    "PK-KP": ["KP", "KPK", "Khyber-Pakhtunkhwa", "North-West Frontier Province", "NWFP"],
    "PK-BA": ["Baluchistan"],
    "PK-IS": ["Islamabad Capital Territory"],
    "PK-JK": ["Azad Kashmir", "Pakistan-administered Kashmir"],
    "PK-PB": ["Punjab province"],
    "IQ-KR": ["Kurdistan Region", "Iraqi Kurdistan"],
    "IQ-NI": ["Nineveh", "Ninewa", "Nineveh province"],
    "IQ-SD": ["Salahuddin", "Salah al-Din"],
    "SY-DY": ["Deir ez-Zor", "Deir el-Zour", "Deir al-Zour"],
    "SY-RD": ["Rif Dimashq", "Damascus countryside"],
    "TJ-GB": ["Gorno-Badakhshan"],
    "UZ-QR": ["Karakalpakstan"],
    "IN-JK": ["Jammu and Kashmir", "Indian-administered Kashmir"],
    "YE-SA": ["Sanaa"],
    "IL-D": ["Southern District"],  # ISO's names for Israel are the Arabic ones
    "IL-HA": ["Haifa District"],
    "IL-JM": ["Jerusalem District"],
    "IL-M": ["Central District"],
    "IL-TA": ["Tel Aviv District"],
    "IL-Z": ["Northern District"],
    "JO-AM": ["Amman Governorate"],
    # GeoNames' names for Lebanon, so that Beirut, Tripoli and Tyre find their division.
    "LB-AS": ["North Governorate", "Liban-Nord"],
    "LB-BA": ["Beyrouth"],
    "LB-JA": ["South Governorate"],
    "LB-JL": ["Mont-Liban"],
    "RU-MOS": ["Moscow Oblast", "Moscow Region"],
    "RU-MOW": ["Moscow"],
    "UZ-TK": ["Tashkent"],
    "UZ-TO": ["Tashkent Region"],
}
DIVISION_ALIAS_DROP = {
    "IR-09": {"Central Khorasan"},  # wrong in iso3166-2: that is not Razavi Khorasan
    "IQ-BG": {"City of Peace"},
    "BE-BRU": {"Capital of Europe", "Comic City"},
    "CN-HB": {"North of the lake"},
    "RU-MOS": {"Moscow"},  # the city (RU-MOW); iso3166-2 gives it to the oblast
    "UZ-TO": {"Tashkent"},  # likewise: the city is UZ-TK
}

# Cities: a lower population floor for Afghanistan's neighbours and the Middle East, whose
# towns the Afghan and regional press names most (see the README).
REGION = {
    "PAK", "IRN", "TJK", "UZB", "TKM", "KGZ", "KAZ", "IRQ", "SYR", "LBN", "ISR", "PSE", "JOR",
    "SAU", "YEM", "OMN", "ARE", "QAT", "BHR", "KWT", "TUR",
}  # fmt: skip

# Cities: names in English use that are not spelling variants of GeoNames' name (those are kept
# by similarity, see SIMILAR in the build script). Keyed by (iso3, GeoNames name).
CITY_ALIASES = {
    ("IRN", "Orūmīyeh"): ["Urmia"],
    ("IRQ", "Mosul"): ["Al-Mosul"],
    ("IND", "Mumbai"): ["Bombay"],
    ("IND", "Kolkata"): ["Calcutta"],
    ("IND", "Chennai"): ["Madras"],
    ("VNM", "Ho Chi Minh City"): ["Saigon"],
    ("MMR", "Yangon"): ["Rangoon"],
    ("UKR", "Kyiv"): ["Kiev"],
}
