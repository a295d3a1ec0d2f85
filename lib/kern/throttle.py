"""Slowing down password guessing per client, so that a stranger cannot lock out an editor.

A client is known by one or more keys: its browser session and its network address (both given
by the UI layer). After ``free_tries`` wrong passwords a key must wait before its next try, the
wait doubling up to ``max_wait``; a try waits for the longest wait of its keys. A stranger's
wrong passwords therefore slow down the stranger, not the editor on another address.

A global ceiling guards against guessing from many addresses at once: when more than ``ceiling``
wrong passwords arrived within ``window`` seconds, every key that has failed before must wait
after a single wrong try. A client without wrong tries (the editor typing the right password)
is never refused. The table of keys is bounded (``max_keys``), so a flood of sessions cannot
fill memory; the oldest entries go first.

When the address is unknown (a proxy on the same host whose forwarded address is not trusted),
only the session tells clients apart, and a script can open a new session for every guess. Such
clients also carry the shared key ``ONBEKEND``: together they get at most ``onbekend_plafond``
wrong passwords per ``window`` seconds, so the wait is never longer than one window. Clients with
a known address are not touched by it.
"""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict, deque
from dataclasses import dataclass, field

ANONIEM = ("",)  # callers that cannot say who the client is share one key
ONBEKEND = "adres:onbekend"  # the shared key of every client whose network address is unknown


@dataclass
class _Stand:
    failures: int = 0
    last_failure: float = 0.0


@dataclass
class Throttle:
    """Per-client login throttle with a global ceiling. Thread-safe."""

    free_tries: int = 3
    max_wait: float = 60.0
    ceiling: int = 30
    window: float = 60.0
    max_keys: int = 10_000
    onbekend_plafond: int = 10
    _keys: OrderedDict = field(default_factory=OrderedDict, repr=False)
    _recent: deque = field(default_factory=deque, repr=False)
    _onbekend: deque = field(default_factory=deque, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def _now(self, now: float | None) -> float:
        return time.monotonic() if now is None else now

    def under_attack(self, now: float | None = None) -> bool:
        """True while more than ``ceiling`` wrong passwords arrived in the last ``window`` seconds."""
        now = self._now(now)
        with self._lock:
            self._expire(now)
            return len(self._recent) > self.ceiling

    def _expire(self, now: float) -> None:
        for recent in (self._recent, self._onbekend):
            while recent and recent[0] <= now - self.window:
                recent.popleft()

    def _onbekend_wait(self, now: float) -> float:
        """Seconds until the clients without an address may try again (0: now). Hold the lock."""
        self._expire(now)
        over = len(self._onbekend) - self.onbekend_plafond
        return 0.0 if over < 0 else self._onbekend[over] + self.window - now

    def wait_seconds(self, now: float | None = None, client: tuple[str, ...] = ANONIEM) -> float:
        """How long this client must wait before its next try (0: it may try now)."""
        now = self._now(now)
        free = 1 if self.under_attack(now) else self.free_tries
        wait = 0.0
        with self._lock:
            if ONBEKEND in client:
                wait = self._onbekend_wait(now)
            for key in client or ANONIEM:
                stand = self._keys.get(key)
                if stand is None or stand.failures < free:
                    continue
                delay = min(2 ** (stand.failures - free + 1), self.max_wait)
                wait = max(wait, stand.last_failure + delay - now)
        return max(0.0, wait)

    def failed(self, now: float | None = None, client: tuple[str, ...] = ANONIEM) -> None:
        now = self._now(now)
        with self._lock:
            self._recent.append(now)
            if ONBEKEND in client:
                self._onbekend.append(now)
            for key in client or ANONIEM:
                if key == ONBEKEND:
                    continue
                stand = self._keys.pop(key, None) or _Stand()
                stand.failures += 1
                stand.last_failure = now
                self._keys[key] = stand  # most recent last
            while len(self._keys) > self.max_keys:
                self._keys.popitem(last=False)

    def succeeded(self, client: tuple[str, ...] = ANONIEM) -> None:
        with self._lock:
            for key in client or ANONIEM:
                self._keys.pop(key, None)


def wacht_tekst(seconds: float) -> str:
    """'1 seconde', '12 seconden', '2 minuten': rounded up, never '0 seconden'."""
    whole = max(1, math.ceil(seconds))
    if whole >= 120:
        return f"{math.ceil(whole / 60)} minuten"
    return "1 seconde" if whole == 1 else f"{whole} seconden"
