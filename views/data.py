"""Data en bronnen: every shipped dataset with its source, year and licence; what is real."""

import pandas as pd
import streamlit as st

from lib.cijfers import figures as fig
from lib.cijfers import meta
from lib.kern import getallen
from lib.kern.config import gemeente
from lib.ui import basis as ui
from lib.ui import importeren as ui_import
from lib.ui import laden

data = ui.data_or_stop(laden.figures)
editor = ui.current_beheerder()  # imports and back-ups: redacteur or beheerder
g = gemeente()

st.title("Data en bronnen")
st.markdown(
    "Elk cijfer in dit dashboard heeft een bron. Hieronder staat per bestand waar het vandaan komt, "
    "uit welk jaar, onder welke licentie, en of het om echte cijfers of voorbeeldcijfers gaat."
)
st.caption(f"Gemeente: {g.naam} ({g.code}).")
ui_import.show_flash()

st.subheader("Wat is echt en wat is een voorbeeld?")
st.dataframe(
    getallen.tabel(fig.real_and_illustrative(data), {"echte cijfers": "getal", "voorbeeldcijfers": "getal"}),
    hide_index=True,
)
if fig.any_illustrative(data):
    st.info(
        "Eenzaamheid per wijk en buurt is niet vrij beschikbaar zonder internet. Tot de echte tabel "
        "(RIVM/CBS 50120NED, *Gezondheid per wijk en buurt*) is ingelezen, toont het dashboard voorbeeldcijfers, "
        "overal gemarkeerd als **Voorbeeldcijfers, geen echte meting**.",
        icon=":material/info:",
    )
else:
    st.success(
        "Alle cijfers in het dashboard zijn echte metingen; er worden geen voorbeeldcijfers meer getoond.",
        icon=":material/verified:",
    )

st.subheader("Eenzaamheid per wijk")
wijk_tabel = ui_import.wijk_overview(data, ui.data_or_stop(laden.wijken))
if wijk_tabel.empty:
    st.caption("Er zijn nog geen cijfers per wijk. Lees hieronder de tabel 50120NED in.")
else:
    if wijk_tabel["Voorbeeld"].eq("ja").any():
        ui.illustrative_notice("De wijkcijfers in deze tabel", link=False)
    st.dataframe(wijk_tabel.drop(columns=["bron"]), hide_index=True)
    ui.source_caption(wijk_tabel["bron"])
    ui.download_csv(wijk_tabel.drop(columns=["bron"]), "eenzaamheid-per-wijk.csv", key="wijk_csv")

ui_import.import_section(data, editor)

st.subheader("Bestanden")
sets = pd.DataFrame(
    [
        {
            "Gegevens": d.titel,
            "Bestand": f"data/{d.bestand}",
            "Bron": d.bron,
            "Jaar": str(d.jaar),
            "Licentie": d.licentie,
            "Voorbeeld": "ja" if d.illustratief else "nee",
            "Toelichting": d.toelichting,
            "Link": d.url or None,
        }
        for d in meta.datasets().values()
    ]
)
st.dataframe(
    sets.astype({"Link": "string"}),
    hide_index=True,
    column_config={"Link": st.column_config.LinkColumn("Link", display_text="bron")},
)

st.subheader("Bronnen van de eenzaamheidscijfers")
used = data.groupby("bron").size()
bronnen = pd.DataFrame(
    [
        {
            "Bron": b.label,
            "Jaar": str(b.jaar),
            "Licentie": b.licentie,
            "Rijen": int(used.get(b.key, 0)),
            "Voorbeeld": "ja" if b.illustratief else "nee",
            "Link": b.url or None,
        }
        for b in meta.bronnen().values()
    ]
)
st.dataframe(
    getallen.tabel(bronnen, {"Rijen": "getal"}).astype({"Link": "string"}),
    hide_index=True,
    column_config={"Link": st.column_config.LinkColumn("Link", display_text="bron")},
)
ui.download_csv(data, "eenzaamheid.csv", "Download alle eenzaamheidscijfers (CSV)")
st.caption(
    "Licentie van de CBS- en RIVM-gegevens: CC-BY 4.0 (Bron: CBS, PDOK, RIVM). Het dashboard bewaart geen "
    "persoonsgegevens van inwoners."
)

ui_import.backup_section(editor)
