"""The pages of the app: one list, read by app.py (navigation) and the home page (cards).

url paths are part of the product: users bookmark them and other pages link to them.
Register a page here only when it works.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PageSpec:
    bestand: str  # path relative to the repository root
    titel: str
    icoon: str
    url_path: str  # "" for the home page
    sectie: str
    omschrijving: str  # one line for the navigation cards
    voor: tuple[str, ...] = ()  # user groups: "raad", "themagroep", "opgaveteam"


SECTIES = ("Overzicht", "Wijken", "Mensen & aanbod", "Beleid & budget", "Data")

PAGES: list[PageSpec] = [
    PageSpec(
        "views/overzicht.py",
        "Overzicht",
        ":material/home:",
        "",
        "Overzicht",
        "De kern van het plan en de belangrijkste cijfers.",
    ),
    PageSpec(
        "views/kaart.py",
        "Wijkkaart",
        ":material/map:",
        "kaart",
        "Wijken",
        "Eenzaamheid per wijk en buurt op de kaart, op volgorde en als tabel.",
        ("raad", "opgaveteam"),
    ),
    PageSpec(
        "views/wijk.py",
        "Wijkprofiel",
        ":material/location_city:",
        "wijk",
        "Wijken",
        "Eén wijk in detail: cijfers tegen gemeente en land, ontwikkeling, leeftijd en buurten.",
        ("opgaveteam", "themagroep"),
    ),
    PageSpec(
        "views/personas.py",
        "Persona's",
        ":material/groups:",
        "personas",
        "Mensen & aanbod",
        "Zes fictieve Capellenaren: wat past bij hen, wie het merkt en waar het aanbod tekortschiet.",
        ("themagroep", "opgaveteam"),
    ),
    PageSpec(
        "views/aanbod.py",
        "Sociale kaart",
        ":material/volunteer_activism:",
        "aanbod",
        "Mensen & aanbod",
        "Al het aanbod op één plek: zoeken, filteren, kaart en waar het aanbod dun is.",
        ("themagroep", "opgaveteam"),
    ),
    PageSpec(
        "views/budget.py",
        "Budget",
        ":material/euro:",
        "budget",
        "Beleid & budget",
        "Het budget over de vier thema's, scenario's en de tijd van de alliantie.",
        ("raad", "themagroep"),
    ),
    PageSpec(
        "views/data.py",
        "Data en bronnen",
        ":material/database:",
        "data",
        "Data",
        "Waar elk cijfer vandaan komt, met licentie en jaar.",
        ("raad", "themagroep", "opgaveteam"),
    ),
    PageSpec(
        "views/plan.py",
        "Uitvoeringsplan",
        ":material/checklist:",
        "plan",
        "Beleid & budget",
        "De vier thema's met hun resultaten en acties, en hoe ver elke actie is.",
        ("raad", "themagroep"),
    ),
    PageSpec(
        "views/alliantie.py",
        "Alliantie",
        ":material/groups:",
        "alliantie",
        "Beleid & budget",
        "Wie er meedoen, hoe de Alliantie werkt, hoeveel tijd elke rol kost en wie welke actie draagt.",
        ("raad", "themagroep", "opgaveteam"),
    ),
    PageSpec(
        "views/briefing.py",
        "Raadsbriefing",
        ":material/picture_as_pdf:",
        "briefing",
        "Beleid & budget",
        "Kerncijfers, kaart, wijken, budget en voortgang als PDF, en als presentatie voor de raadszaal.",
        ("raad",),
    ),
    PageSpec(
        "views/toegankelijkheid.py",
        "Toegankelijkheid",
        ":material/accessibility_new:",
        "toegankelijkheid",
        "Data",
        "Hoe toegankelijk dit dashboard is, hoe dat is getest en waar u een probleem meldt.",
    ),
]


def page(url_path: str) -> PageSpec | None:
    """The registered page with this url path, or None."""
    return next((p for p in PAGES if p.url_path == url_path), None)
