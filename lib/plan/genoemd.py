"""Which alliance members the plan itself names, so the dashboard can label the others as its addition.

Checked against the plan text (../shared/seed): the alliance was started by the gemeente, Welzijn Capelle
and Sportief Capelle; the preface names De Zellingen, De Vijverhof and Havensteder, and 'het onderwijs,
kerken, ondernemers' without names. Every other member in data/plan.yaml is the dashboard's addition.
"""

from __future__ import annotations

GENOEMD_IN_PLAN: frozenset[str] = frozenset(
    {
        "Gemeente Capelle aan den IJssel",
        "Stichting Welzijn Capelle",
        "Sportief Capelle",
        "De Zellingen",
        "De Vijverhof",
        "Havensteder",
        "Kerken",
        "Ondernemers",
    }
)
# Groups the plan names only as a kind of organisation ('het onderwijs'): a named member of that kind is
# the dashboard's example of it.
SOORTEN_IN_PLAN: frozenset[str] = frozenset({"Onderwijs"})
IN_PLAN, SOORT_IN_PLAN, TOEVOEGING = (
    "genoemd in het plan",
    "het plan noemt alleen de soort",
    "toevoeging dashboard",
)


def herkomst(naam: str, soort: str) -> str:
    """Where a member comes from: named in the plan, only its kind named, or the dashboard's addition."""
    if naam in GENOEMD_IN_PLAN:
        return IN_PLAN
    if soort in SOORTEN_IN_PLAN:
        return SOORT_IN_PLAN
    return TOEVOEGING
