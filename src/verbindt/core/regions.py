"""The five regions of the Platform VMBO Zorg & Welzijn that every installation starts with.

Plain data, so the data migration can use it too; platform coordinators edit regions after.
"""

PLATFORM_REGIONS = [
    ("noord", "Noord", "Groningen, Friesland, Drenthe"),
    ("oost", "Oost", "Overijssel, Gelderland"),
    ("midden", "Midden", "Utrecht, Flevoland, Gooi en Vechtstreek"),
    ("west", "West", "Noord-Holland, Zuid-Holland, Zeeland"),
    ("zuid", "Zuid", "Noord-Brabant, Limburg"),
]
