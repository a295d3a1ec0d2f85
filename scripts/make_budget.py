"""Build data/budget.csv: an EXAMPLE allocation of the loneliness budget (every row illustratief).

Run from the repository root:  python scripts/make_budget.py

What is real and what is not
- Real (plan "Meer samen, minder eenzaam", Financiële inzet): the Wmo multi-year budget 2020-2022
  holds EUR 514,000 a year for meeting and loneliness; a request for one-off (incidentele) money
  for 2020 and 2021 via the Voorjaarsnota 2020; organisations are asked to use funds such as the
  Denk & Doe mee!-fonds and the WOP budgets.
- NOT in the plan, so invented here and flagged illustratief: how the EUR 514,000 is split over
  line items and themes, every one-off and fund amount, and every "besteed" (spent) amount.
  The Wmo-structural lines sum to exactly EUR 514,000 per year (checked below and in the tests).
- The plan's logic is kept (see LINES): Wmo money subsidises meeting activities for vulnerable
  Capellenaren; the new actions are paid from the one-off money of 2020 and 2021; the aanjager is
  staff time (hours on the Alliantie page), not a budget line.

The line items are the plan's own actions ("Wat gaan we doen?") and the existing offer it names.
"""

from __future__ import annotations

import csv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
JAREN = (2020, 2021, 2022)
FRAME = 514_000

# regel_id, thema, regel, financiering, activiteit_ids, {jaar: begroot}
#
# The plan's own logic decides which money pays for what:
# - "wmo": the EUR 514,000 a year subsidises meeting activities for vulnerable Capellenaren (existing
#   offer the plan names). Only meeting lines here; the split over them is invented.
# - "incidenteel": the NEW actions of the four themes, paid from the one-off money the plan asks for
#   2020 and 2021 (so no incidental line in 2022). Amounts invented.
# - "wop"/"fonds": later steps the plan leaves to WOP budgets and funds such as Denk & Doe mee.
# - The aanjager (1 day a week, 400 hours) is municipal staff time, not a budget line: the Alliantie
#   page counts those hours.
def each_year(bedrag: int) -> dict[int, int]:
    return dict.fromkeys(JAREN, bedrag)


LINES: list[tuple[str, int, str, str, str, dict[int, int]]] = [
    # --- Wmo structureel: meeting activities for vulnerable Capellenaren (EUR 514,000) --------
    (
        "ontmoeting-kwetsbaar",
        2,
        "Ontmoetingsactiviteiten voor kwetsbare Capellenaren (Wmo-subsidies)",
        "wmo",
        "de-zellingen-ontmoetingscentrum;aafje-huiskamer;de-vijverhof-open-lunch;kbo-pcob-soos;vriendschapscursus;herstelcafe-ggz",
        each_year(196_000),
    ),
    (
        "huisbezoek-75",
        2,
        "Preventief huisbezoek aan 75-plussers, met een lijntje naar ontmoeting (Welzijn Capelle)",
        "wmo",
        "preventief-huisbezoek-75-plus",
        each_year(62_000),
    ),
    (
        "inloophuis-rouw",
        2,
        "Ontmoetingsplek voor rouwenden (Inloophuis de IJssel)",
        "wmo",
        "inloophuis-de-ijssel-rouwcafe",
        each_year(22_000),
    ),
    (
        "lhbti-ouderen",
        2,
        "Ontmoeting voor LHBTI-ouderen",
        "wmo",
        "lhbti-ouderen-ontmoeting",
        each_year(8_000),
    ),
    (
        "vrijwillige-inzet",
        2,
        "Vrijwilligers die ontmoeting mogelijk maken, ondersteund door Welzijn Capelle",
        "wmo",
        "vrijwilligerswerk-welzijn-capelle",
        each_year(30_000),
    ),
    (
        "jongerenwerk",
        3,
        "Ontmoeting in de jongerenvoorzieningen (jongerenwerk)",
        "wmo",
        "jongerencentrum-schollevaar;jongerencentrum-oostgaarde;jongerencentrum-capelle-west",
        each_year(66_000),
    ),
    (
        "huizen-van-de-wijk",
        4,
        "Ontmoetingsactiviteiten in de Huizen van de Wijk",
        "wmo",
        "huis-van-de-wijk-capelle-west;huis-van-de-wijk-middelwatering-west;huis-van-de-wijk-middelwatering-oost;huis-van-de-wijk-oostgaarde-zuid;huis-van-de-wijk-oostgaarde-noord;huis-van-de-wijk-schenkel;huis-van-de-wijk-schollevaar-zuid;huis-van-de-wijk-schollevaar-noord;huis-van-de-wijk-rivium",
        each_year(110_000),
    ),
    (
        "buurtinitiatieven",
        4,
        "Bewonersinitiatieven voor ontmoeting in de buurt",
        "wmo",
        "wijkoverleg-schenkel-buurtactiviteiten",
        each_year(20_000),
    ),
    # --- Incidenteel 2020 and 2021: the new actions of the plan (amounts not in the plan) -----
    (
        "aanbod-online",
        1,
        "Al het aanbod op één plek online (sociale kaart)",
        "incidenteel",
        "sociale-kaart-meer-samen",
        {2020: 18_000, 2021: 10_000},
    ),
    (
        "netwerk-alliantie",
        1,
        "Bijeenkomsten van de alliantie en de klankbordgroep",
        "incidenteel",
        "",
        {2020: 6_000, 2021: 6_000},
    ),
    (
        "training-signaleren",
        2,
        "Professionals trainen in het signaleren van eenzaamheid",
        "incidenteel",
        "training-signaleren-professionals",
        {2020: 25_000, 2021: 15_000},
    ),
    (
        "kennis-adviespunt",
        2,
        "Centraal kennis- en adviespunt eenzaamheid",
        "incidenteel",
        "kennis-en-adviespunt-eenzaamheid",
        {2020: 15_000, 2021: 12_000},
    ),
    (
        "publiekscampagne",
        2,
        "Publiekscampagne met het Capelse bedrijfsleven",
        "incidenteel",
        "publiekscampagne-taboe",
        {2020: 20_000, 2021: 10_000},
    ),
    (
        "online-platform-jongeren",
        3,
        "Online platform en ontmoetingsplek voor jongeren",
        "incidenteel",
        "jongeren-online-ontmoetingsplek",
        {2020: 8_000, 2021: 6_000},
    ),
    (
        "voorlichting-mentoren",
        3,
        "Voorlichting aan mentoren, vrijwilligers en professionals",
        "incidenteel",
        "voorlichting-mentoren",
        {2020: 6_000, 2021: 6_000},
    ),
    (
        "maatjes-jongeren",
        3,
        "Maatjesproject voor jongeren (jongerenwerk)",
        "incidenteel",
        "maatjesproject-jongeren",
        {2020: 20_000, 2021: 24_000},
    ),
    (
        "welkomstpakket",
        4,
        "Ontmoetingspakket voor nieuwe Capellenaren",
        "incidenteel",
        "welkomstpakket-nieuwe-bewoners",
        {2020: 18_000, 2021: 15_000},
    ),
    # --- Fondsen en WOP-budgetten (amounts invented) ----------------------------------------
    (
        "buurtacties",
        4,
        "Kleine buurtacties: kaartjes, koekjes, zwaaitegels, lief-en-leedpot",
        "wop",
        "zwaaitegels;lief-en-leed-pot;buurtkaartjes-en-koekjes;activiteiten-in-de-supermarkt",
        each_year(9_000),
    ),
    (
        "maatjes-buurt",
        4,
        "Maatjesprojecten in de straat en de buurt",
        "fonds",
        "maatjes-in-de-straat",
        {2021: 7_500, 2022: 10_000},
    ),
    (
        "contact-weduwnaren",
        4,
        "Gescheiden mensen en weduwnaren met elkaar in contact brengen",
        "fonds",
        "ontmoeting-gescheiden-ouders;ontmoeting-weduwen-weduwnaars",
        {2022: 5_000},
    ),
]

# "besteed" (spent) as a share of "begroot", invented: in 2020 meeting in person was hardly
# possible for months, so meeting lines fell short; the rest ran close to plan.
SPENT_SHARE = {
    2020: {"huizen-van-de-wijk": 0.78, "ontmoeting-kwetsbaar": 0.82, "jongerenwerk": 0.85, "publiekscampagne": 0.6},
    2021: {"huizen-van-de-wijk": 0.9, "ontmoeting-kwetsbaar": 0.93, "training-signaleren": 1.1},
    2022: {"jongerenwerk": 1.04, "buurtinitiatieven": 0.85},
}


def rows() -> list[dict]:
    out = []
    for jaar in JAREN:
        wmo = sum(bedragen.get(jaar, 0) for _, _, _, fin, _, bedragen in LINES if fin == "wmo")
        assert wmo == FRAME, f"{jaar}: Wmo-lines sum to {wmo}, not {FRAME}"
        for status in ("begroot", "besteed"):
            for regel_id, thema, regel, fin, ids, bedragen in LINES:
                if jaar not in bedragen:
                    continue
                bedrag = bedragen[jaar]
                if status == "besteed":
                    bedrag = round(bedrag * SPENT_SHARE[jaar].get(regel_id, 0.98) / 100) * 100
                out.append(
                    {
                        "jaar": jaar,
                        "thema": thema,
                        "regel_id": regel_id,
                        "regel": regel,
                        "bedrag": bedrag,
                        "financiering": fin,
                        "status": status,
                        "activiteit_ids": ids,
                        "illustratief": "ja",
                    }
                )
    return out


def main() -> None:
    path = ROOT / "data" / "budget.csv"
    data = rows()
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=list(data[0]))
        writer.writeheader()
        writer.writerows(data)
    print(f"{path}: {len(data)} rows")


if __name__ == "__main__":
    main()
