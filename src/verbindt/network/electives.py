"""The Zorg & Welzijn vocational electives (beroepsgerichte keuzevakken) every installation
starts with; platform coordinators edit the list afterwards. Plain data for the migration."""

BUILT_IN_ELECTIVES = [
    "Kennismaking met uiterlijke verzorging",
    "Haarverzorging",
    "Huidverzorging",
    "Hand- en voetverzorging",
    "Welzijn kind en jongere",
    "Welzijn volwassenen en ouderen",
    "Wonen en huishouden",
    "Assisteren in de gezondheidszorg",
    "Facilitaire dienstverlening",
    "Ondersteuning bij sport en bewegen",
    "Voorkomen van ongevallen en EHBO",
    "Technologie in zorg en welzijn",
]
