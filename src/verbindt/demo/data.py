"""Fictitious but realistic Dutch organisations for the demo: three regions, every kind.

Names are invented (places are real); any likeness to an existing school or institution is
accidental. Order matters: the demo must come out the same on every machine.
"""

DEMO_PASSWORD = "verbindt-demo"
PLATFORM = "Platform VMBO Zorg & Welzijn"

# region code → (vmbo locations, mbo colleges, places for institutions)
REGIONS: dict[str, tuple[list[str], list[str], list[str]]] = {
    "noord": (
        [
            "Waddenzee College locatie Dokkum",
            "Hunzedal vmbo Stadskanaal",
            "Brinkstede vmbo Assen",
            "Reitdiep College Groningen",
        ],
        ["Noorder ROC Zorg & Welzijn Groningen"],
        ["Groningen", "Assen", "Dokkum", "Stadskanaal", "Leeuwarden"],
    ),
    "oost": (
        [
            "IJsselborg vmbo Deventer",
            "Vechtdal vmbo Ommen",
            "Twentepoort College Hengelo",
            "Veluwezoom vmbo Apeldoorn",
            "Berkelland College Lochem",
        ],
        ["ROC IJsselvallei Deventer", "Twente Vakcollege Zorg Enschede"],
        ["Deventer", "Ommen", "Hengelo", "Apeldoorn", "Lochem"],
    ),
    "zuid": (
        [
            "Peelrand College Deurne",
            "Maasoever vmbo Venlo",
            "Kempenstede vmbo Eindhoven",
            "Heuvelland College Heerlen",
        ],
        ["ROC Peel en Maas Helmond"],
        ["Helmond", "Venlo", "Eindhoven", "Heerlen", "Deurne"],
    ),
}

# One institution name per sector of care and welfare, combined with the region's places.
INSTITUTION_NAMES = [
    "Woonzorgcentrum De Linde",  # ouderenzorg
    "Verpleeghuis Het Anker",  # ouderenzorg
    "Dagcentrum De Klimop",  # gehandicaptenzorg
    "Kinderopvang Kleine Wereld",  # kinderopvang
    "Streekziekenhuis",  # ziekenhuis / cure
    "GGZ De Boog",  # ggz
    "Jeugdhulp De Overstap",  # jeugdzorg
    "Thuiszorg Dichtbij",  # thuiszorg
    "Welzijn Samen",  # welzijn / sociaal werk
    "Sportcentrum De Meent",  # sport en bewegen
    "Kapsalon & Beautystudio Knip",  # uiterlijke verzorging
    "Buurthuis De Wissel",  # welzijn / sociaal werk
    "Zorgboerderij De Hoeve",  # gehandicaptenzorg
    "Hospice De Vlinder",  # ouderenzorg / palliatief
]
INSTITUTIONS_PER_REGION = [14, 13, 13]  # 40 in all

INSTELLING = "Woonzorgcentrum De Linde Deventer"

# username → (first name, last name, role, organisation name, region code for coordinators)
USERS: list[tuple[str, str, str, str, str, str]] = [
    ("platform", "Petra", "de Vries", "platform_coordinator", PLATFORM, ""),
    ("regio", "Ruben", "Jansen", "regional_coordinator", PLATFORM, "oost"),
    ("school", "Sanne", "Bakker", "school_coordinator", "IJsselborg vmbo Deventer", ""),
    ("school", "Sanne", "Bakker", "teacher", "Vechtdal vmbo Ommen", ""),
    ("docent", "Daan", "Visser", "teacher", "IJsselborg vmbo Deventer", ""),
    ("mbo", "Meryem", "Yilmaz", "mbo_contact", "ROC IJsselvallei Deventer", ""),
    ("instelling", "Ingrid", "Mulder", "institution_contact", INSTELLING, ""),
]

# What each demo login sees, printed by `verbindt demo`.
SEES = {
    "platform": "the nation: every collaboration and organisation; imports; the administration",
    "regio": "region Oost: its collaborations and contacts; imports",
    "school": "coordinator at IJsselborg Deventer (learning line, weekly support); "
    "switches to teacher at Vechtdal Ommen",
    "docent": "teacher at IJsselborg Deventer: its collaborations, plans and sessions",
    "mbo": "mbo contact at ROC IJsselvallei Deventer: the learning line with IJsselborg",
    "instelling": "contact at Woonzorgcentrum De Linde Deventer: its collaborations and plans",
}

# Every demo organisation's name ends in its place; the place gives its address details:
# place → (postcode, latitude, longitude, province, holiday region, CBS municipality code)
PLACES = {
    "Groningen": ("9711 AB", 53.2194, 6.5665, "groningen", "noord", "0014"),
    "Assen": ("9401 GA", 52.9928, 6.5642, "drenthe", "noord", "0106"),
    "Dokkum": ("9101 BK", 53.3254, 5.9989, "friesland", "noord", "1970"),
    "Stadskanaal": ("9501 CA", 52.9893, 6.9500, "groningen", "noord", "0037"),
    "Leeuwarden": ("8911 BE", 53.2012, 5.7999, "friesland", "noord", "0080"),
    "Deventer": ("7411 HP", 52.2551, 6.1639, "overijssel", "noord", "0150"),
    "Ommen": ("7731 CB", 52.5214, 6.4206, "overijssel", "noord", "0175"),
    "Hengelo": ("7551 CM", 52.2658, 6.7931, "overijssel", "noord", "0164"),
    "Apeldoorn": ("7311 KZ", 52.2112, 5.9699, "gelderland", "midden", "0200"),
    "Lochem": ("7241 BB", 52.1594, 6.4142, "gelderland", "midden", "0262"),
    "Enschede": ("7511 JM", 52.2215, 6.8937, "overijssel", "noord", "0153"),
    "Helmond": ("5701 RK", 51.4793, 5.6570, "noord-brabant", "zuid", "0794"),
    "Venlo": ("5911 BV", 51.3704, 6.1724, "limburg", "zuid", "0983"),
    "Eindhoven": ("5611 AZ", 51.4416, 5.4697, "noord-brabant", "zuid", "0772"),
    "Heerlen": ("6411 CW", 50.8882, 5.9795, "limburg", "zuid", "0917"),
    "Deurne": ("5751 BG", 51.4639, 5.7966, "noord-brabant", "zuid", "0762"),
}
STREETS = ["Schoolstraat", "Dorpsstraat", "Kerkstraat", "Stationsweg", "Molenweg", "Parklaan"]

# The sector of each institution name above, in the same order.
INSTITUTION_SECTORS = [
    "elderly_care",
    "elderly_care",
    "disability_care",
    "childcare",
    "hospital",
    "mental_health",
    "youth_care",
    "home_care",
    "welfare",
    "sport",
    "beauty",
    "welfare",
    "disability_care",
    "elderly_care",
]

QUALIFICATIONS = [
    ("Helpende zorg en welzijn", "25498", 2),
    ("Verzorgende-IG", "25491", 3),
    ("Pedagogisch medewerker kinderopvang", "25698", 3),
    ("Maatschappelijke zorg", "25477", 4),
    ("Onderwijsassistent", "25486", 4),
]

FIRST_NAMES = [
    "Anouk",
    "Bram",
    "Chantal",
    "Dirk",
    "Esra",
    "Femke",
    "Gijs",
    "Hanna",
    "Ilse",
    "Jeroen",
]
LAST_NAMES = ["de Boer", "Smit", "Meijer", "de Groot", "Bos", "Vos", "Peters", "Hendriks", "Dekker"]
