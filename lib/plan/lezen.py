"""Reading ``data/plan.yaml``: every problem becomes a Dutch ``DataFout`` naming the place in the file."""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path

from lib.kern.yamlcheck import Fields, read_yaml
from lib.plan.model import (
    PLAN_PATH,
    STATUSSEN,
    Actie,
    Alliantie,
    Factor,
    Lid,
    Movisie,
    Plan,
    PlanThema,
    Resultaat,
    Rol,
    UrenPost,
)
from lib.plan.themas import THEMAS

# --- validation ---------------------------------------------------------------------------------


def _thema(raw, index: int, bestand: str) -> PlanThema:
    r = Fields(raw, bestand, f"thema {index + 1}")
    nummer = r.integer("nummer", low=1)
    if nummer not in THEMAS:
        r.fail(f"Onbekend themanummer {nummer}; bekend zijn {', '.join(map(str, THEMAS))}", "nummer")
    r.item = f"thema {nummer}"
    resultaten, acties = [], []
    for i, raw_res in enumerate(r.items("resultaten")):
        rr = Fields(raw_res, bestand, f"thema {nummer} > resultaat {i + 1}")
        rid = rr.text("id", numbers=False, one_line=True)
        if not rid.startswith(f"{nummer}."):
            rr.fail(f"Resultaat-id '{rid}' hoort met '{nummer}.' te beginnen", "id")
        resultaten.append(Resultaat(rid, nummer, rr.text("tekst", numbers=False, one_line=True)))
    result_ids = [res.id for res in resultaten]
    for i, raw_act in enumerate(r.items("acties")):
        ra = Fields(raw_act, bestand, f"thema {nummer} > actie {i + 1}")
        aid = ra.text("id", numbers=False, one_line=True)
        ra.item = f"thema {nummer} > actie {aid}"
        if not aid.startswith(f"{nummer}."):
            ra.fail(f"Actie-id '{aid}' hoort met '{nummer}.' te beginnen", "id")
        status = ra.text("status", required=False, numbers=False, one_line=True) or "gepland"
        if status not in STATUSSEN:
            ra.fail(f"Onbekende status '{status}'; kies uit {', '.join(STATUSSEN)}", "status")
        linked = ra.strings("resultaten", one_line=True)
        for res in linked:
            if res not in result_ids:
                ra.fail(f"Onbekend resultaat '{res}'; dit thema heeft {', '.join(result_ids)}", "resultaten")
        acties.append(
            Actie(
                id=aid,
                thema=nummer,
                titel=ra.text("titel", numbers=False, one_line=True),
                omschrijving=ra.text("omschrijving", numbers=False, one_line=True),
                eigenaar=ra.text("eigenaar", numbers=False, one_line=True),
                status=status,
                resultaten=linked,
                partners=ra.strings("partners", required=False, one_line=True),
                status_voorbeeld=ra.flag("status_voorbeeld"),
            )
        )
    t = THEMAS[nummer]
    return PlanThema(
        nummer=nummer,
        naam=t.naam,
        kort=t.kort,
        themagroep=r.text("themagroep", numbers=False, one_line=True),
        aanleiding=r.text("aanleiding", numbers=False, one_line=True),
        inhoud=r.text("inhoud", numbers=False, one_line=True),
        resultaten=tuple(resultaten),
        acties=tuple(acties),
    )


def _alliantie(r: Fields) -> Alliantie:
    gestart = r.raw.get("gestart")
    if not isinstance(gestart, dt.date):
        r.fail(f"Verwacht een datum als 2018-09-17, niet '{gestart}'", "gestart")
    rollen = []
    for i, raw in enumerate(r.items("rollen")):
        rr = Fields(raw, r.bestand, f"alliantie > rol {i + 1}")
        rol_id = rr.text("id", numbers=False, one_line=True)
        rr.item = f"alliantie > rol {rol_id}"
        lo, hi = rr.integer("uren_min", low=0), rr.integer("uren_max", low=0)
        if hi < lo:
            rr.fail(f"uren_max ({hi}) is kleiner dan uren_min ({lo})", "uren_max")
        opbouw = []
        for j, post in enumerate(rr.items("opbouw")):
            rp = Fields(post, r.bestand, f"alliantie > rol {rol_id} > opbouw {j + 1}")
            opbouw.append(UrenPost(rp.text("onderdeel", numbers=False, one_line=True), rp.integer("uren", low=0)))
        if sum(p.uren for p in opbouw) > hi:
            rr.fail(f"De opbouw telt op tot meer dan uren_max ({hi})", "opbouw")
        rollen.append(Rol(rol_id, rr.text("naam", numbers=False, one_line=True), rr.text("taak", numbers=False, one_line=True), lo, hi, tuple(opbouw)))
    ids = [rol.id for rol in rollen]
    for needed in ("kerngroep", "themagroep", "klankbordgroep", "aanjager"):
        if needed not in ids:
            r.fail(f"Rol '{needed}' ontbreekt", "rollen")
    if len(set(ids)) != len(ids):
        r.fail("Een rol-id komt dubbel voor", "rollen")
    leden = []
    for i, raw in enumerate(r.items("leden")):
        rl = Fields(raw, r.bestand, f"alliantie > lid {i + 1}")
        oprichter = rl.raw.get("oprichter", False)
        if not isinstance(oprichter, bool):
            rl.fail("Verwacht true of false", "oprichter")
        leden.append(Lid(rl.text("naam", numbers=False, one_line=True), rl.text("soort", numbers=False, one_line=True), oprichter))
    return Alliantie(
        naam=r.text("naam", numbers=False, one_line=True),
        gestart=gestart,
        aantal_leden=r.text("aantal_leden", numbers=False, one_line=True),
        werkwijze=r.text("werkwijze", numbers=False, one_line=True),
        opgaveteams=r.text("opgaveteams", numbers=False, one_line=True),
        rollen=tuple(rollen),
        leden=tuple(leden),
    )


def _movisie(r: Fields) -> Movisie:
    factoren = []
    for i, raw in enumerate(r.items("werkzame_factoren")):
        rf = Fields(raw, r.bestand, f"movisie > werkzame factor {i + 1}")
        factoren.append(Factor(rf.text("titel", numbers=False, one_line=True), rf.text("uitleg", numbers=False, one_line=True)))
    return Movisie(r.text("bron", numbers=False, one_line=True), r.text("url", numbers=False, one_line=True), tuple(factoren), r.strings("aandachtspunten", one_line=True))


def parse_plan(raw, bestand: str = "plan.yaml") -> Plan:
    """Validate the parsed YAML of a plan file and return it as typed records."""
    r = Fields(raw, bestand, "")
    r.item = "het bestand"
    themas = tuple(_thema(t, i, bestand) for i, t in enumerate(r.items("themas")))
    nummers = [t.nummer for t in themas]
    if sorted(nummers) != sorted(THEMAS):
        ontbreekt = sorted(set(THEMAS) - set(nummers))
        dubbel = sorted({n for n in nummers if nummers.count(n) > 1})
        r.fail(
            f"Het plan hoort elk thema precies één keer te hebben (ontbreekt: {ontbreekt}, dubbel: {dubbel})", "themas"
        )
    for kind, ids in (
        ("Actie", [a.id for t in themas for a in t.acties]),
        ("Resultaat", [x.id for t in themas for x in t.resultaten]),
    ):
        dubbel = sorted({i for i in ids if ids.count(i) > 1})
        if dubbel:
            r.fail(f"{kind}-id komt dubbel voor: {', '.join(dubbel)}", "themas")
    return Plan(
        titel=r.text("titel", numbers=False, one_line=True),
        jaar=r.integer("jaar", low=1900),
        hoofdresultaat=r.text("hoofdresultaat", numbers=False, one_line=True),
        monitoring=r.text("monitoring", numbers=False, one_line=True),
        themas=tuple(sorted(themas, key=lambda t: t.nummer)),
        alliantie=_alliantie(r.sub("alliantie")),
        movisie=_movisie(r.sub("movisie")),
    )


def load_plan(path: Path | str = PLAN_PATH) -> Plan:
    """Read and validate the plan file; a DataFout (Dutch, naming the place) when it is not right."""
    path = Path(path)
    return parse_plan(read_yaml(path), path.name)


@cache
def default_plan() -> Plan:
    """The shipped plan, read once per process."""
    return load_plan()
