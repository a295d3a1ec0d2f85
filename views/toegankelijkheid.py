"""Toegankelijkheid: the accessibility statement, after the Dutch model statement (in our own words)."""

import streamlit as st

from lib.kern import toegankelijkheid as tg
from lib.kern.config import gemeente

g = gemeente()
datum = tg.datum_tekst(tg.GETEST_OP)

st.title("Toegankelijkheid")
st.markdown(
    f"De gemeente {g.naam} wil dat iedereen dit dashboard kan gebruiken, ook wie slecht ziet, alleen een "
    f"toetsenbord gebruikt of een schermlezer heeft. Deze verklaring zegt aan welke eisen het dashboard voldoet, "
    f"hoe dat is getest en wat nog niet goed is."
)

st.subheader("Status", anchor=False)
st.markdown(
    f"Dit dashboard **{tg.NALEVING}** aan {tg.STANDAARD}. Wat nog niet voldoet, staat hieronder bij "
    f"*Wat nog niet goed is*. Deze verklaring is opgesteld op **{tg.datum_tekst(tg.OPGESTELD_OP)}**."
)

st.subheader("Welke eisen", anchor=False)
st.markdown(
    f"Overheidswebsites moeten voldoen aan **{tg.STANDAARD}**, de eisen uit de Europese norm **{tg.NORM}** "
    "(verplicht via het Besluit digitale toegankelijkheid overheid). Dit dashboard is gemaakt om daaraan te "
    "voldoen, in de kijkmodus, de redacteursmodus en de presentatie voor de raadszaal."
)

st.subheader("Hoe het is getest", anchor=False)
st.markdown(
    f"""
- **Automatisch, bij elke wijziging**: de browsertests openen elke pagina in Chromium en controleren haar met
  **axe-core {tg.AXE_CORE_VERSIE}** op alle regels van WCAG 2.0 en 2.1, niveau A en AA. Dat gebeurt in de
  kijkmodus, ingelogd als redacteur en op elke dia van de presentatie. Eén overtreding laat de test mislukken.
- **Taal**: de test controleert dat elke pagina als Nederlands is aangemerkt, zodat een schermlezer Nederlands
  voorleest, en dat er geen Engelse knopteksten meer te zien zijn.
- **Toetsenbord**: een test kiest met alleen het toetsenbord een wijk op de wijkkaart (via de keuzelijst
  naast de kaart), opent de briefing en bladert door de dia's.
- **Zelf bekeken**: schermafdrukken op een telefoon (390 pixels breed), een laptop en een scherm van
  1920 bij 1080 pixels, met aandacht voor contrast, kaartlabels en leesbaarheid op afstand.
- Laatst getest op **{datum}**.
"""
)

st.subheader("Wat nog niet goed is", anchor=False)
st.markdown(
    """
- **De kaarten** zijn plaatjes. Alles wat erop staat is ook te vinden zonder kaart: in de keuzelijst naast de
  kaart, in de tekstsamenvatting, de grafiek *op volgorde* en de tabel eronder.
- **Grafieken** zijn voor een schermlezer één afbeelding. De cijfers staan ook in een tabel of een
  samenvatting bij de grafiek, en zijn te downloaden als CSV.
- **Ingebouwde onderdelen van Streamlit** (het raamwerk van het dashboard) hebben enkele Engelse teksten en
  kleuren. Het dashboard vervangt die door Nederlandse teksten en donkerdere kleuren; een nieuw onderdeel dat
  Streamlit later toevoegt, kan even Engels zijn tot het aan de lijst is toegevoegd.
- **De PDF-briefing** is een eenvoudige PDF zonder tags voor schermlezers. Dezelfde inhoud staat toegankelijk
  op de pagina Raadsbriefing.
- Een automatische test vindt niet alles. Wat alleen een mens kan beoordelen (zijn de teksten duidelijk,
  klopt de volgorde voor een schermlezer) is met de hand bekeken, niet door een keuringsinstantie.
"""
)

st.subheader("Een probleem melden", anchor=False)
adres = tg.contact()
if adres:
    st.markdown(
        f"Loopt u tegen iets aan dat niet werkt, of heeft u de informatie in een andere vorm nodig? Meld het via "
        f"{tg.contact_link(adres)}. U krijgt binnen twee weken antwoord. Bent u niet tevreden "
        f"over hoe uw melding is behandeld, dan kunt u terecht bij de [Nationale ombudsman]({tg.OMBUDSMAN})."
    )
else:
    st.markdown(
        f"Loopt u tegen iets aan dat niet werkt, of heeft u de informatie in een andere vorm nodig? Neem dan "
        f"contact op met de gemeente {g.naam}: via het contactformulier op de website van de gemeente of het "
        "algemene telefoonnummer van de gemeente (bij de meeste gemeenten 14 met het netnummer). Zeg erbij dat "
        "het om dit dashboard gaat. Bent u niet tevreden over hoe uw melding is behandeld, dan kunt u terecht "
        f"bij de [Nationale ombudsman]({tg.OMBUDSMAN})."
    )
    st.caption(
        f"Voor wie het dashboard beheert: zet het meldadres (e-mail of webadres) in de instelling "
        f"{tg.CONTACT_SETTING}; dan staat het hier."
    )
