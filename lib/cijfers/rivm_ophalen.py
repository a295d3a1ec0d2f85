"""Fetching table 50120NED from the CBS OData API: the gemeente's rows plus every gemeente-level row, paged."""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable

from lib.cijfers.rivm import KOLOMMEN, ODATA_URL, SLEUTELS, URL_ENV
from lib.regio import codes

# --- fetching from the CBS OData API ------------------------------------------------------------


class OfflineFout(RuntimeError):
    """The CBS server could not be reached."""


def odata_url(gemeente_code: str, base: str | None = None) -> str:
    """The first TypedDataSet URL: the gemeente's wijken and buurten, every gemeente, and Nederland.

    The same rows an import of the whole table keeps (``bewaar_patroon``), so the server sends no
    more than we store.
    """
    base = (base or os.environ.get(URL_ENV) or ODATA_URL).rstrip("/")
    digits = gemeente_code[2:]
    flt = (
        f"startswith(WijkenEnBuurten,'{codes.NEDERLAND}') or startswith(WijkenEnBuurten,'GM') or "
        f"startswith(WijkenEnBuurten,'WK{digits}') or startswith(WijkenEnBuurten,'BU{digits}')"
    )
    select = ",".join(["ID", *SLEUTELS, "Marges", "Gemeentenaam_1", "SoortRegio_2", "Codering_3", *KOLOMMEN])
    query = urllib.parse.urlencode({"$filter": flt, "$select": select, "$format": "json"}, quote_via=urllib.parse.quote)
    return f"{base}/TypedDataSet?{query}"


def fetch(
    gemeente_code: str,
    *,
    base: str | None = None,
    opener: Callable = urllib.request.urlopen,
    progress: Callable[[str], None] = lambda s: None,
    timeout: float = 60,
    max_pages: int = 1000,
) -> list[dict]:
    """All rows of 50120NED for one gemeente, following odata.nextLink page by page."""
    url: str | None = odata_url(gemeente_code, base)
    rows: list[dict] = []
    page = 0
    while url and page < max_pages:
        page += 1
        request = urllib.request.Request(url, headers={"Accept": "application/json", "User-Agent": "meer-samen"})
        try:
            with opener(request, timeout=timeout) as response:
                body = response.read()
        except urllib.error.HTTPError as err:
            raise OfflineFout(f"De CBS-server antwoordde met fout {err.code} ({err.reason}) op pagina {page}.") from err
        except (urllib.error.URLError, TimeoutError, OSError) as err:
            host = urllib.parse.urlsplit(url).hostname
            raise OfflineFout(
                f"Geen verbinding met de CBS-server ({host}). Controleer de internetverbinding en probeer het "
                "opnieuw, of download de tabel zelf van StatLine (onbewerkte dataset, CSV) en lees die in op "
                "de pagina Data en bronnen."
            ) from err
        try:
            data = json.loads(body)
            values = data["value"]
        except (ValueError, KeyError, TypeError) as err:
            raise OfflineFout(f"Onverwacht antwoord van de CBS-server op pagina {page} (geen OData-JSON).") from err
        rows.extend(values)
        progress(f"Pagina {page}: {len(values)} rijen opgehaald, {len(rows)} in totaal")
        url = data.get("odata.nextLink")
    return rows
