"""Imported real figures: preview, apply (all or nothing), undo, and the merged table every page shows.

An import of the national table also brings every other gemeente's own figures (and their names):
they are stored with the import but never laid over the map; lib.cijfers.vergelijking reads them.

The shipped table stays as it is on disk. Each import is one row in the ``imports`` table of the
embedded database (lib.kern.storage) with the figures it brought (``rijen``) and the rows they replaced
at that moment (``vervangen``). The figures the app shows are the shipped table with every import
that is not undone laid over it in order, replacing or adding rows by key (region, period, age,
indicator). Undo marks the last import as undone; nothing is ever deleted, so it stays auditable.
"""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from lib.cijfers import kwb, loaders, onderdrukking, rivm, rivm_lezen
from lib.cijfers.indicators import INDICATOREN, regio_niveau
from lib.cijfers.loaders import FIGURE_COLUMNS, FIGURE_KEY
from lib.kern import auth, beschikbaar, getallen, storage
from lib.kern.config import gemeente
from lib.kern.errors import DataFout

NIVEAUS = ("land", "gemeente", "wijk", "buurt")


def _to_json(df: pd.DataFrame, namen: dict[str, str] | None = None) -> str:
    """The rows as JSON records; a gemeente's rows may carry its name (``naam``) for the comparison."""
    if not namen:
        return df[FIGURE_COLUMNS].to_json(orient="records", force_ascii=False)
    out = df[FIGURE_COLUMNS].copy()
    out["naam"] = out["regio_code"].map(namen)
    return out.to_json(orient="records", force_ascii=False)


def _from_json(text: str) -> pd.DataFrame:
    records = json.loads(text)
    df = pd.DataFrame(records, columns=FIGURE_COLUMNS)
    if df.empty:
        return df
    df["periode"] = df["periode"].astype(int)
    for kolom in ("waarde", "ondergrens", "bovengrens"):
        df[kolom] = pd.to_numeric(df[kolom], errors="coerce").astype(float)
    df["illustratief"] = df["illustratief"].astype(bool)
    df["noot"] = df["noot"].fillna("")
    return df


def merge(base: pd.DataFrame, *layers: pd.DataFrame) -> pd.DataFrame:
    """Lay imported rows over the base table: a row with the same key replaces, a new key is added."""
    out = base[FIGURE_COLUMNS]
    for layer in layers:
        if layer is None or layer.empty:
            continue
        layer = layer[FIGURE_COLUMNS]
        keep = ~out.set_index(FIGURE_KEY).index.isin(layer.set_index(FIGURE_KEY).index)
        out = pd.concat([out[keep], layer], ignore_index=True) if keep.any() else layer.copy()
    out = out.sort_values(FIGURE_KEY, kind="stable").reset_index(drop=True)
    out["illustratief"] = out["illustratief"].astype(bool)
    return out


@dataclass(frozen=True)
class Voorbeeld:
    """What applying an import would change, in numbers a user can check before applying."""

    regios: dict[str, int]  # niveau -> number of regions in the file
    perioden: tuple[int, ...]
    indicatoren: tuple[str, ...]  # labels
    toegevoegd: int  # rows with a key the table did not have
    vervangen: int  # rows replacing an existing figure
    echt_geworden: int  # replaced rows that were illustrative and are now real
    onbekende_regios: tuple[str, ...]  # wijken/buurten in the file that the map does not know
    rijen: int
    andere_gemeenten: int = 0  # other gemeenten whose own figures come along, for comparison only
    andere_rijen: int = 0

    def samenvatting(self) -> str:
        meervoud = {"land": "land", "gemeente": "gemeenten", "wijk": "wijken", "buurt": "buurten"}
        regios = ", ".join(f"{n} {niveau if n == 1 else meervoud[niveau]}" for niveau, n in self.regios.items())
        tekst = (
            f"{self.rijen} cijfers voor {regios}; perioden {', '.join(map(str, self.perioden))}. "
            f"{self.toegevoegd} nieuw, {self.vervangen} vervangen, waarvan {self.echt_geworden} voorbeeldcijfers "
            "die nu echt worden."
        )
        if self.andere_gemeenten:
            tekst += (
                f" Daarnaast {self.andere_rijen} cijfers van {self.andere_gemeenten} andere gemeenten, alleen om mee "
                "te vergelijken (niet op de kaart)."
            )
        return tekst


def preview(current: pd.DataFrame, new: pd.DataFrame, bekende_regios: set[str] | None = None) -> Voorbeeld:
    """Compare an uploaded, validated table with the figures shown now.

    Counts the configured gemeente's own figures (and NL); other gemeenten are counted apart.
    """
    own = eigen_regios(new["regio_code"], gemeente().code)
    andere = new[~own]
    new = new[own]
    cur = current.set_index(FIGURE_KEY)
    idx = new.set_index(FIGURE_KEY).index
    present = idx.isin(cur.index)
    replaced_keys = idx[present]
    was_illustrative = cur.loc[replaced_keys, "illustratief"] if len(replaced_keys) else pd.Series(dtype=bool)
    niveaus = new["regio_code"].drop_duplicates().map(regio_niveau).value_counts()
    onbekend: tuple[str, ...] = ()
    if bekende_regios is not None:
        lokaal = new["regio_code"][new["regio_code"].map(regio_niveau).isin(["wijk", "buurt"])].drop_duplicates()
        onbekend = tuple(sorted(set(lokaal) - bekende_regios))
    return Voorbeeld(
        regios={n: int(niveaus[n]) for n in NIVEAUS if n in niveaus},
        perioden=tuple(sorted(int(p) for p in new["periode"].unique())),
        indicatoren=tuple(INDICATOREN[i].label for i in INDICATOREN if i in set(new["indicator"])),
        toegevoegd=int((~present).sum()),
        vervangen=int(present.sum()),
        echt_geworden=int(was_illustrative.astype(bool).sum()),
        onbekende_regios=onbekend,
        rijen=len(new),
        andere_gemeenten=int(andere["regio_code"].nunique()),
        andere_rijen=len(andere),
    )


def active_layers(conn: sqlite3.Connection, met_onderdrukt: bool = False) -> list[pd.DataFrame]:
    """The figures of every import that is not undone, oldest first; with ``met_onderdrukt`` also the
    cells the source suppressed (no value, noot ONDERDRUKT), which only ``shown_figures`` needs."""
    rows = conn.execute("SELECT rijen FROM imports WHERE ongedaan = 0 ORDER BY id").fetchall()
    layers = [_from_json(r["rijen"]) for r in rows]
    return layers if met_onderdrukt else [layer[layer["waarde"].notna()] for layer in layers]


def onderdrukte_rijen(onderdrukt: pd.DataFrame | None) -> pd.DataFrame:
    """Stored rows for the suppressed cells of an import (rivm.cellen): real, without a value."""
    if onderdrukt is None or onderdrukt.empty:
        return pd.DataFrame(columns=FIGURE_COLUMNS)
    return onderdrukt[FIGURE_KEY].assign(
        waarde=float("nan"), ondergrens=float("nan"), bovengrens=float("nan"), bron=rivm.BRON, illustratief=False,
        noot=onderdrukking.ONDERDRUKT,
    )[FIGURE_COLUMNS]


def stempel(path: Path | str) -> tuple[int, ...] | None:
    """A cheap stamp of the stored imports: it changes with every import, undo and restore, also when another
    process (the command, another server worker) made it. None when the database cannot be read."""
    try:
        uri = Path(path).resolve().as_uri() + "?mode=ro"
        with closing(sqlite3.connect(uri, uri=True, timeout=1)) as conn:
            return tuple(
                conn.execute(
                    "SELECT COUNT(*), COALESCE(MAX(id), 0), COALESCE(SUM(ongedaan), 0), "
                    "(SELECT COALESCE(MAX(id), 0) FROM audit_log WHERE tabel IN ('imports', 'backup')) FROM imports"
                ).fetchone()
            )
    except sqlite3.Error:
        return None


def eigen_regios(codes: pd.Series, gemeente_code: str) -> pd.Series:
    """Mask of the codes the map and profiles show: NL01, the gemeente itself, its wijken and buurten."""
    return codes.str.fullmatch(rivm._gemeente_pattern(gemeente_code).pattern)


def active_names(conn: sqlite3.Connection) -> dict[str, str]:
    """Gemeente code -> name, as the active imports brought them (later imports win)."""
    namen: dict[str, str] = {}
    for (rijen,) in conn.execute("SELECT rijen FROM imports WHERE ongedaan = 0 ORDER BY id"):
        for rec in json.loads(rijen):
            if rec.get("naam"):
                namen[rec["regio_code"]] = rec["naam"]
    return namen


def kleine_buurten() -> frozenset[str]:
    """Buurten with too few inhabitants (real CBS 2024 counts) for any loneliness figure."""
    try:
        return onderdrukking.te_weinig_inwoners(kwb.load_kwb())
    except DataFout:
        return frozenset()  # without the CBS table nothing is hidden; the Data page names the problem


def _getoond(conn: sqlite3.Connection | None, base: pd.DataFrame | None) -> pd.DataFrame:
    """The shipped table with every active import laid over it, suppressed cells included (no value)."""
    base = loaders.load_figures() if base is None else base
    own = conn is None
    conn = beschikbaar.open_for_app().conn if own else conn  # read-only when the database is unavailable
    code = gemeente().code
    try:
        # Imports made for another gemeente (when the configuration changed) stay stored but unseen.
        layers = [layer[eigen_regios(layer["regio_code"], code)] for layer in active_layers(conn, met_onderdrukt=True)]
        return onderdrukking.zonder_kleine_gebieden(merge(base, *layers), kleine_buurten())
    finally:
        if own:
            conn.close()


def shown_figures(conn: sqlite3.Connection | None = None, base: pd.DataFrame | None = None) -> pd.DataFrame:
    """The figures the app shows: the shipped table with all active imports laid over it, without any
    figure for a buurt where too few people live (lib.cijfers.onderdrukking; stored imports keep them),
    and without the cells the source suppressed: no example stands in their place (``onderdrukt``)."""
    df = _getoond(conn, base)
    return df[df["waarde"].notna()].reset_index(drop=True)


def onderdrukt(conn: sqlite3.Connection | None = None, base: pd.DataFrame | None = None) -> frozenset[tuple]:
    """(region, indicator, period, age) of the shown cells a real import covers but the source suppressed."""
    df = _getoond(conn, base)
    df = df[df["waarde"].isna()]
    return frozenset(zip(df["regio_code"], df["indicator"], df["periode"].astype(int), df["leeftijd"], strict=True))


def apply(
    conn: sqlite3.Connection,
    redacteur: auth.Redacteur,
    new: pd.DataFrame,
    bestandsnaam: str,
    base: pd.DataFrame,
    namen: dict[str, str] | None = None,
    onderdrukt: pd.DataFrame | None = None,
) -> int:
    """Store an import in one transaction (all or nothing); returns its id. Editors only.

    ``namen`` (gemeente code -> name) is stored with the rows, for the comparison with other gemeenten;
    ``onderdrukt`` (keys of the cells the file leaves out, rivm.cellen) as rows without a value.
    """
    auth.require_beheer(redacteur, "cijfers inlezen")
    if new.empty:
        raise ValueError("Een import zonder rijen wordt niet opgeslagen")
    stil = onderdrukte_rijen(onderdrukt)
    if not stil.empty:
        new = pd.concat([new[FIGURE_COLUMNS], stil], ignore_index=True)
    with storage.transaction(conn):
        current = merge(base, *active_layers(conn))
        cur = current.set_index(FIGURE_KEY)
        replaced = cur[cur.index.isin(new.set_index(FIGURE_KEY).index)].reset_index()
        cursor = conn.execute(
            "INSERT INTO imports (tijdstip, bestandsnaam, door, rijen, vervangen) VALUES (?, ?, ?, ?, ?)",
            (storage.now(), bestandsnaam, redacteur.naam, _to_json(new, namen), _to_json(replaced)),
        )
        import_id = cursor.lastrowid
        storage.audit(
            conn, "imports", str(import_id), "import", None, f"{bestandsnaam}: {getallen.aantal(len(new), 'rij', 'rijen')}", redacteur
        )
    return import_id


def undo_last(conn: sqlite3.Connection, redacteur: auth.Redacteur) -> dict | None:
    """Undo the most recent active import; returns it (id, bestandsnaam, tijdstip) or None if there is none."""
    auth.require_beheer(redacteur, "een import ongedaan maken")
    with storage.transaction(conn):
        row = conn.execute(
            "SELECT id, bestandsnaam, tijdstip FROM imports WHERE ongedaan = 0 ORDER BY id DESC LIMIT 1"
        ).fetchone()
        if row is None:
            return None
        conn.execute("UPDATE imports SET ongedaan = 1 WHERE id = ?", (row["id"],))
        storage.audit(conn, "imports", str(row["id"]), "ongedaan", 0, 1, redacteur)
    return dict(row)


def history(conn: sqlite3.Connection) -> pd.DataFrame:
    """All imports, newest first, for the page: when, file, by whom, how many rows, undone or not."""
    rows = conn.execute(
        "SELECT id, tijdstip, bestandsnaam, door, json_array_length(rijen) AS rijen, ongedaan "
        "FROM imports ORDER BY id DESC"
    ).fetchall()
    return pd.DataFrame(
        [
            {
                "Tijdstip (UTC)": r["tijdstip"],
                "Bestand": r["bestandsnaam"],
                "Door": r["door"],
                "Cijfers": r["rijen"],
                "Status": "ongedaan gemaakt" if r["ongedaan"] else "actief",
            }
            for r in rows
        ],
        columns=["Tijdstip (UTC)", "Bestand", "Door", "Cijfers", "Status"],
    )


def import_file(
    conn: sqlite3.Connection,
    redacteur: auth.Redacteur,
    content: bytes,
    bestandsnaam: str,
    gemeente_code: str,
    base: pd.DataFrame | None = None,
) -> int:
    """Read and apply an uploaded 50120NED file in one go (for scripts); DataFout and nothing stored if bad."""
    auth.require_beheer(redacteur, "cijfers inlezen")
    result = rivm_lezen.lees(content, gemeente_code, bestandsnaam)
    base = loaders.load_figures() if base is None else base
    return apply(conn, redacteur, result.cijfers, bestandsnaam, base, namen=result.namen, onderdrukt=result.onderdrukt)
