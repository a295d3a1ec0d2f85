"""The shared vocabulary of personas, the activity catalogue and matching: one home per word.

Keys are stable (they are stored in personas/*.yaml and data/aanbod.yaml); labels are what users read.
Forms of loneliness are `lib.cijfers.indicators.VORMEN`, themes are `lib.plan.themas.THEMAS`.
"""

from __future__ import annotations

# Marks a word the plan itself does not use: the dashboard added it (labelled wherever it shows).
TOEVOEGING = " (toevoeging dashboard)"

# Risk groups of the plan (Movisie 2018) plus the groups its themes name. Used for the target groups
# of an activity and the groups a persona belongs to. "Ouderen (65+)" in general and "Ouders en
# gezinnen" are not risk groups of the plan: the dashboard added them, and says so in the label.
DOELGROEPEN: dict[str, str] = {
    "ouderen": "Ouderen (65+)" + TOEVOEGING,
    "ouderen_zonder_netwerk": "Ouderen zonder (klein) netwerk",
    "gezondheid": "Mensen met gezondheidsproblemen of ggz-problematiek",
    "beperking": "Mensen met een beperking",
    "weduwen": "Weduwen, weduwnaars en rouwenden",
    "gescheiden": "Gescheiden mensen",
    "laagopgeleid": "Laagopgeleiden",
    "migranten": "Niet-westerse migranten",
    "jongeren": "Jongeren (12-24)",
    "ouders": "Ouders en gezinnen" + TOEVOEGING,
    "nieuwe_bewoners": "Nieuwe bewoners",
    "lhbti": "LHBTI'ers",
    "iedereen": "Iedereen",
    "professionals": "Professionals en vrijwilligers",
}

# Short labels for chart axes (a phone screen has no room for the full names).
DOELGROEPEN_KORT: dict[str, str] = {
    "ouderen": "Ouderen 65+ (toevoeging)",
    "ouderen_zonder_netwerk": "Ouderen zonder netwerk",
    "gezondheid": "Gezondheid / ggz",
    "beperking": "Met een beperking",
    "weduwen": "Weduwen, rouwenden",
    "gescheiden": "Gescheiden",
    "laagopgeleid": "Laagopgeleid",
    "migranten": "Niet-westerse migranten",
    "jongeren": "Jongeren 12-24",
    "ouders": "Ouders (toevoeging)",
    "nieuwe_bewoners": "Nieuwe bewoners",
    "lhbti": "LHBTI",
    "iedereen": "Iedereen",
    "professionals": "Professionals",
}

# Groups shown as rows of the coverage matrix: the plan's risk groups, and older people in general
# because the plan observes that most of the offer is aimed at them (not 'iedereen'/'professionals').
RISICOGROEPEN: tuple[str, ...] = (
    "ouderen",
    "ouderen_zonder_netwerk",
    "gezondheid",
    "beperking",
    "weduwen",
    "gescheiden",
    "laagopgeleid",
    "migranten",
    "jongeren",
    "nieuwe_bewoners",
    "lhbti",
)

# Working mechanisms, after Movisie's "wat werkt bij eenzaamheid".
MECHANISMEN: dict[str, str] = {
    "ontmoeting": "Ontmoeting",
    "training": "Sociaal-cognitieve training",
    "zingeving": "Zingeving",
    "praktisch": "Praktische steun",
    "signalering": "Signaleren en doorverwijzen",
    "bewustwording": "Bewustwording",
}

# The life events the plan names (theme 2: school to study, starting work, having children, divorce,
# stopping work, declining health, losing friends or a partner) and those the dashboard added. Plain
# names: whether the plan names an event is LEVENSGEBEURTENIS_IN_PLAN below, and its label on screen and
# in every export is levensgebeurtenis_label (the one home of the '(toevoeging dashboard)' mark).
LEVENSGEBEURTENISSEN: dict[str, str] = {
    "school_naar_studie": "Van school naar studie",
    "start_werk": "Beginnen met werken",
    "kinderen": "Kinderen krijgen",
    "scheiding": "Echtscheiding",
    "pensioen": "Stoppen met werken",
    "gezondheid": "Afnemende gezondheid",
    "verlies_partner": "Verlies van partner",
    "verlies_vrienden": "Wegvallen van vrienden",
    "verhuizing": "Verhuizen",
    "migratie": "Migratie naar Nederland",
    "baanverlies": "Baan verliezen",
}

DREMPELS: dict[str, str] = {
    "taal": "Taal",
    "mobiliteit": "Mobiliteit",
    "geld": "Geld",
    "schaamte": "Schaamte of taboe",
    "digitaal": "Digitale vaardigheden",
}

TOEGANKELIJKHEID: dict[str, str] = {
    "rolstoel": "Rolstoeltoegankelijk",
    "aan_huis": "Komt bij u thuis",
    "telefonisch": "Telefonisch",
    "weinig_taal": "Ook met weinig Nederlands",
    "vrije_inloop": "Vrije inloop, zonder aanmelding",
    "anoniem": "Anoniem mogelijk",
    "online_nodig": "Alleen online (app, internet)",
    "vervoer": "Vervoer te regelen",
}

BEWIJSNIVEAUS: dict[str, str] = {
    "effectief": "Effectief",
    "goed_onderbouwd": "Goed onderbouwd",
    "goed_beschreven": "Goed beschreven",
    "onbekend": "Onbekend",
}

DAGEN: dict[str, str] = {
    "ma": "maandag",
    "di": "dinsdag",
    "wo": "woensdag",
    "do": "donderdag",
    "vr": "vrijdag",
    "za": "zaterdag",
    "zo": "zondag",
}

STATUS: dict[str, str] = {
    "lopend": "Loopt",
    "in_opbouw": "In opbouw (uit het plan)",
}

# Who may notice the signals, and what they can do (plan: signals can be given at CJG, Welzijn
# Capelle, Huizen van de Wijk and the Wmo-loket; the 75+ home visit; professionals learn to signal).
SIGNALEERDERS: dict[str, tuple[str, str]] = {
    "huisarts": (
        "Huisarts of praktijkondersteuner",
        "Vraagt door op klachten zonder duidelijke oorzaak en verwijst naar Welzijn Capelle.",
    ),
    "mentor": (
        "Mentor op school",
        "Let op terugtrekken en verzuim, maakt het bespreekbaar en wijst op het jongerenwerk of het CJG.",
    ),
    "wijkteam": (
        "Wijkteam of sociaal werker",
        "Neemt signalen serieus, gaat op huisbezoek en zoekt samen een passende activiteit.",
    ),
    "huisbezoek_75": (
        "Preventief huisbezoek 75+",
        "Bespreekt sociale contacten en vitaliteit en legt een lijntje naar het Huis van de Wijk.",
    ),
    "buren": ("Buren", "Maken een praatje, bellen aan als de gordijnen dicht blijven en nodigen uit."),
    "jongerenwerk": ("Jongerenwerker", "Legt contact op straat en online en biedt een maatje aan."),
    "cjg": ("Centrum voor Jeugd en Gezin", "Hoort zorgen van ouders en jongeren en verwijst naar steun of ontmoeting."),
    "wmo_loket": ("Wmo-loket", "Vraagt bij een aanvraag ook naar contacten en verwijst naar ontmoeting."),
    "werkgever": ("Werkgever of collega's", "Merken veranderingen op het werk en kunnen vragen hoe het echt gaat."),
    "kerk": (
        "Kerk, moskee of levensbeschouwelijke gemeenschap",
        "Biedt een luisterend oor en ontmoeting rond zingeving.",
    ),
    "apotheek_ziekenhuis": (
        "Apotheek of ziekenhuis",
        "Merkt op wie steeds alleen komt en geeft informatie mee bij ontslag.",
    ),
    "taalcoach": ("Taalcoach of taalschool", "Merkt een klein netwerk op en nodigt uit voor taalcafé en ontmoeting."),
    "woningcorporatie": (
        "Woningcorporatie (Havensteder)",
        "Ziet nieuwe huurders en meldt zorgen over bewoners aan het wijkteam.",
    ),
}

# Plain-language labels for the fields a catalogue item can flag as illustrative.
ILLUSTRATIEVE_VELDEN: dict[str, str] = {
    "naam": "naam",
    "omschrijving": "omschrijving",
    "locatie": "adres",
    "coordinaten": "plek op de kaart",
    "tijden": "tijden",
    "kosten": "kosten",
    "contact": "contactgegevens",
    "toegankelijkheid": "toegankelijkheid",
    "bewijs": "bewijsniveau",
}

# --- life events for the plan's target groups (issue 17) ------------------------------------------
# Added, not reordered, so other edits to the dicts above merge. Theme 3 (young people 12-24) needs
# events of school age; theme 2 asks to work with life events in general. An existing key keeps
# its label (setdefault), so a label given above always wins.
for _sleutel, _label in (
    ("pesten", "Gepest worden"),
    ("overstap_vo", "Overstap naar de middelbare school"),
    ("baanverlies", "Baan verliezen"),
):
    LEVENSGEBEURTENISSEN.setdefault(_sleutel, _label)

# In het plan: ja/nee. True for the life events the plan itself names (theme 2: school to study,
# starting work, having children, divorce, stopping work, declining health, losing friends or a
# partner); False for those the dashboard added for the target groups. One entry per event.
LEVENSGEBEURTENIS_IN_PLAN: dict[str, bool] = {
    "school_naar_studie": True,
    "start_werk": True,
    "kinderen": True,
    "scheiding": True,
    "pensioen": True,
    "gezondheid": True,
    "verlies_partner": True,
    "verlies_vrienden": True,
    "verhuizing": False,  # the plan names new residents (theme 4), not moving as a life event
    "migratie": False,
    "pesten": False,
    "overstap_vo": False,
    "baanverlies": False,
}
IN_PLAN_LABEL = {True: "in het plan", False: "toevoeging dashboard"}
# Target groups and life events the plan does not name (the groups carry the mark in their label).
NIET_IN_PLAN: frozenset[str] = frozenset(
    [k for k, v in DOELGROEPEN.items() if v.endswith(TOEVOEGING)]
    + [k for k, v in LEVENSGEBEURTENIS_IN_PLAN.items() if not v]
)


def levensgebeurtenis_label(sleutel: str) -> str:
    """The label of a life event with where it comes from, e.g. 'Gepest worden (toevoeging dashboard)';
    an event the plan names keeps its plain name. Used wherever a life event is shown or exported."""
    label = LEVENSGEBEURTENISSEN[sleutel]
    return label if LEVENSGEBEURTENIS_IN_PLAN.get(sleutel, False) else f"{label} ({IN_PLAN_LABEL[False]})"
