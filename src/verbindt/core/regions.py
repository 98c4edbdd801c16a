"""The five regions of the Platform VMBO Zorg & Welzijn that every installation starts with.

Plain data, so the data migration can use it too; platform coordinators edit regions after.
"""

PLATFORM_REGIONS = [
    ("noord", "Noord", "Groningen, Friesland, Drenthe"),
    ("oost", "Oost", "Overijssel, Gelderland"),
    ("midden", "Midden", "Utrecht, Flevoland"),
    ("west", "West", "Noord-Holland, Zuid-Holland, Zeeland"),
    ("zuid", "Zuid", "Noord-Brabant, Limburg"),
]

# Which provinces each default region covers: imports place an organisation in a region by the
# province of its location.
PLATFORM_REGION_PROVINCES = {
    "noord": ["groningen", "friesland", "drenthe"],
    "oost": ["overijssel", "gelderland"],
    "midden": ["utrecht", "flevoland"],
    "west": ["noord-holland", "zuid-holland", "zeeland"],
    "zuid": ["noord-brabant", "limburg"],
}
