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
    "platform": "the nation: every region and organisation; the administration",
    "regio": "region Oost: its schools, mbo colleges and institutions",
    "school": "school coordinator at IJsselborg Deventer; switches to teacher at Vechtdal Ommen",
    "docent": "teacher at IJsselborg vmbo Deventer: own school only",
    "mbo": "mbo contact at ROC IJsselvallei Deventer: own college only",
    "instelling": "contact at Woonzorgcentrum De Linde Deventer: own institution only",
}
