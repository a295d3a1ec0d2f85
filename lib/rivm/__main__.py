"""``python -m lib.rivm import FILE`` / ``fetch``: the same command as ``python -m lib.cijfers.rivm``."""

from lib.cijfers.rivm_opdracht import main

raise SystemExit(main(prog="python -m lib.rivm"))
