"""Reading ``data/plan.yaml``: every problem becomes a Dutch ``DataFout`` naming the place in the file."""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path

from lib.kern.errors import DataFout
from lib.kern.yamlcheck import read_yaml
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


class _Reader:
    """Reads one mapping of the YAML file; every error names the file and the place in it."""

    def __init__(self, raw, waar: str, bestand: str):
        self.waar, self.bestand = waar, bestand
        if not isinstance(raw, dict):
            self.fout("Verwacht een lijst met velden (naam: waarde)")
        self.raw = raw

    def fout(self, melding: str, veld: str | None = None):
        plek = f"{self.waar}, veld '{veld}'" if veld else self.waar
        raise DataFout(f"{melding} in {plek}", bestand=self.bestand, kolom=veld)

    def tekst(self, veld: str, *, verplicht: bool = True) -> str:
        value = self.raw.get(veld)
        if value is None:
            if verplicht:
                self.fout("Veld ontbreekt", veld)
            return ""
        if not isinstance(value, str):
            hint = " (zet het tussen aanhalingstekens)" if isinstance(value, int | float) else ""
            self.fout(f"Verwacht tekst, niet '{value}'{hint}", veld)
        value = " ".join(value.split())
        if verplicht and not value:
            self.fout("Veld is leeg", veld)
        return value

    def geheel(self, veld: str, minimum: int = 0) -> int:
        value = self.raw.get(veld)
        if value is None:
            self.fout("Veld ontbreekt", veld)
        if isinstance(value, bool) or not isinstance(value, int):
            self.fout(f"Verwacht een geheel getal, niet '{value}'", veld)
        if value < minimum:
            self.fout(f"Getal mag niet kleiner zijn dan {minimum}: {value}", veld)
        return value

    def lijst(self, veld: str, *, verplicht: bool = True) -> list:
        value = self.raw.get(veld)
        if value is None and not verplicht:
            return []
        if not isinstance(value, list) or (verplicht and not value):
            self.fout("Verwacht een niet-lege lijst", veld)
        return value

    def teksten(self, veld: str, *, verplicht: bool = True) -> tuple[str, ...]:
        items = self.lijst(veld, verplicht=verplicht)
        out = []
        for item in items:
            if not isinstance(item, str) or not item.strip():
                self.fout(f"Verwacht tekst in de lijst, niet '{item}'", veld)
            out.append(" ".join(item.split()))
        return tuple(out)

    def sub(self, veld: str) -> _Reader:
        return _Reader(self.raw.get(veld), f"{self.waar} > {veld}" if self.waar else veld, self.bestand)


def _thema(raw, index: int, bestand: str) -> PlanThema:
    r = _Reader(raw, f"thema {index + 1}", bestand)
    nummer = r.geheel("nummer", 1)
    if nummer not in THEMAS:
        r.fout(f"Onbekend themanummer {nummer}; bekend zijn {', '.join(map(str, THEMAS))}", "nummer")
    r.waar = f"thema {nummer}"
    resultaten, acties = [], []
    for i, raw_res in enumerate(r.lijst("resultaten")):
        rr = _Reader(raw_res, f"thema {nummer} > resultaat {i + 1}", bestand)
        rid = rr.tekst("id")
        if not rid.startswith(f"{nummer}."):
            rr.fout(f"Resultaat-id '{rid}' hoort met '{nummer}.' te beginnen", "id")
        resultaten.append(Resultaat(rid, nummer, rr.tekst("tekst")))
    result_ids = [res.id for res in resultaten]
    for i, raw_act in enumerate(r.lijst("acties")):
        ra = _Reader(raw_act, f"thema {nummer} > actie {i + 1}", bestand)
        aid = ra.tekst("id")
        ra.waar = f"thema {nummer} > actie {aid}"
        if not aid.startswith(f"{nummer}."):
            ra.fout(f"Actie-id '{aid}' hoort met '{nummer}.' te beginnen", "id")
        status = ra.tekst("status", verplicht=False) or "gepland"
        if status not in STATUSSEN:
            ra.fout(f"Onbekende status '{status}'; kies uit {', '.join(STATUSSEN)}", "status")
        linked = ra.teksten("resultaten")
        for res in linked:
            if res not in result_ids:
                ra.fout(f"Onbekend resultaat '{res}'; dit thema heeft {', '.join(result_ids)}", "resultaten")
        acties.append(
            Actie(
                id=aid,
                thema=nummer,
                titel=ra.tekst("titel"),
                omschrijving=ra.tekst("omschrijving"),
                eigenaar=ra.tekst("eigenaar"),
                status=status,
                resultaten=linked,
                partners=ra.teksten("partners", verplicht=False),
            )
        )
    t = THEMAS[nummer]
    return PlanThema(
        nummer=nummer,
        naam=t.naam,
        kort=t.kort,
        themagroep=r.tekst("themagroep"),
        aanleiding=r.tekst("aanleiding"),
        inhoud=r.tekst("inhoud"),
        resultaten=tuple(resultaten),
        acties=tuple(acties),
    )


def _alliantie(r: _Reader) -> Alliantie:
    gestart = r.raw.get("gestart")
    if not isinstance(gestart, dt.date):
        r.fout(f"Verwacht een datum als 2018-09-17, niet '{gestart}'", "gestart")
    rollen = []
    for i, raw in enumerate(r.lijst("rollen")):
        rr = _Reader(raw, f"alliantie > rol {i + 1}", r.bestand)
        rol_id = rr.tekst("id")
        rr.waar = f"alliantie > rol {rol_id}"
        lo, hi = rr.geheel("uren_min", 0), rr.geheel("uren_max", 0)
        if hi < lo:
            rr.fout(f"uren_max ({hi}) is kleiner dan uren_min ({lo})", "uren_max")
        opbouw = []
        for j, post in enumerate(rr.lijst("opbouw")):
            rp = _Reader(post, f"alliantie > rol {rol_id} > opbouw {j + 1}", r.bestand)
            opbouw.append(UrenPost(rp.tekst("onderdeel"), rp.geheel("uren", 0)))
        if sum(p.uren for p in opbouw) > hi:
            rr.fout(f"De opbouw telt op tot meer dan uren_max ({hi})", "opbouw")
        rollen.append(Rol(rol_id, rr.tekst("naam"), rr.tekst("taak"), lo, hi, tuple(opbouw)))
    ids = [rol.id for rol in rollen]
    for needed in ("kerngroep", "themagroep", "klankbordgroep", "aanjager"):
        if needed not in ids:
            r.fout(f"Rol '{needed}' ontbreekt", "rollen")
    if len(set(ids)) != len(ids):
        r.fout("Een rol-id komt dubbel voor", "rollen")
    leden = []
    for i, raw in enumerate(r.lijst("leden")):
        rl = _Reader(raw, f"alliantie > lid {i + 1}", r.bestand)
        oprichter = rl.raw.get("oprichter", False)
        if not isinstance(oprichter, bool):
            rl.fout("Verwacht true of false", "oprichter")
        leden.append(Lid(rl.tekst("naam"), rl.tekst("soort"), oprichter))
    return Alliantie(
        naam=r.tekst("naam"),
        gestart=gestart,
        aantal_leden=r.tekst("aantal_leden"),
        werkwijze=r.tekst("werkwijze"),
        opgaveteams=r.tekst("opgaveteams"),
        rollen=tuple(rollen),
        leden=tuple(leden),
    )


def _movisie(r: _Reader) -> Movisie:
    factoren = []
    for i, raw in enumerate(r.lijst("werkzame_factoren")):
        rf = _Reader(raw, f"movisie > werkzame factor {i + 1}", r.bestand)
        factoren.append(Factor(rf.tekst("titel"), rf.tekst("uitleg")))
    return Movisie(r.tekst("bron"), r.tekst("url"), tuple(factoren), r.teksten("aandachtspunten"))


def parse_plan(raw, bestand: str = "plan.yaml") -> Plan:
    """Validate the parsed YAML of a plan file and return it as typed records."""
    r = _Reader(raw, "", bestand)
    r.waar = "het bestand"
    themas = tuple(_thema(t, i, bestand) for i, t in enumerate(r.lijst("themas")))
    nummers = [t.nummer for t in themas]
    if sorted(nummers) != sorted(THEMAS):
        ontbreekt = sorted(set(THEMAS) - set(nummers))
        dubbel = sorted({n for n in nummers if nummers.count(n) > 1})
        r.fout(
            f"Het plan hoort elk thema precies één keer te hebben (ontbreekt: {ontbreekt}, dubbel: {dubbel})", "themas"
        )
    for kind, ids in (
        ("Actie", [a.id for t in themas for a in t.acties]),
        ("Resultaat", [x.id for t in themas for x in t.resultaten]),
    ):
        dubbel = sorted({i for i in ids if ids.count(i) > 1})
        if dubbel:
            r.fout(f"{kind}-id komt dubbel voor: {', '.join(dubbel)}", "themas")
    return Plan(
        titel=r.tekst("titel"),
        jaar=r.geheel("jaar", 1900),
        hoofdresultaat=r.tekst("hoofdresultaat"),
        monitoring=r.tekst("monitoring"),
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
