"""The computed signals (health, cadence, coverage) of the open workspace, kept fresh.

One account's signals are computed on demand on the GUI thread (a few milliseconds) and cached
until a change touches that account. The whole portfolio, which the account list shows, is
computed on a worker thread at start-up and after changes that can move every account; a worker
reads through its own read-only ``Workspace`` on the same engine and never touches a widget.
After an edit of one account, its signals are computed once (by whichever view asks first, or
here) and the portfolio takes that value: no second computation of the same account.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

from graph.errors import NotFoundError
from graph.events import ChangeSet
from graph.workspace import Workspace

if TYPE_CHECKING:
    from graph.signals import AccountSignals

# Changes to these tables can move the signals of every account.
_GLOBAL_TABLES = {"cadence_defaults", "team_members"}
# Changes to only these tables move no signal at all.
_INERT_TABLES = {"card_positions", "attitude_changes"}


def _signals_module() -> Any:
    # Imported when first needed: the window paints before the analysis is loaded.
    from graph import signals

    return signals


class _PortfolioJob(QRunnable):
    def __init__(self, analysis: Analysis, generation: int) -> None:
        super().__init__()
        self._analysis = analysis
        self._generation = generation
        ws = analysis.workspace
        self._reader = Workspace(ws.engine, ws.path, readonly=True, clock=ws.clock)

    def run(self) -> None:
        module = _signals_module()
        try:
            result = module.portfolio_signals(self._reader)
        except Exception as exc:  # never let a worker die silently: report it to the GUI
            result = exc
        self._analysis._computed.emit(self._generation, result)


class Analysis(QObject):
    """Cached signals. ``portfolio_changed`` fires when fresh portfolio signals arrived."""

    portfolio_changed = Signal()
    failed = Signal(str)
    _computed = Signal(int, object)

    def __init__(self, ws: Workspace, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.workspace = ws
        self._accounts: dict[int, AccountSignals | None] = {}
        self._portfolio: dict[int, AccountSignals] = {}
        self._generation = 0
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._timer = QTimer(self, singleShot=True, interval=0)
        self._timer.timeout.connect(self._start_portfolio)
        # Accounts edited since: their fresh signals replace the portfolio's (even those of a
        # portfolio computation that was already running).
        self._stale: set[int] = set()
        self._fresh: dict[int, AccountSignals] = {}
        self._patch_timer = QTimer(self, singleShot=True, interval=0)
        self._patch_timer.timeout.connect(self._patch_portfolio)
        self._computed.connect(self._on_computed)

    # --- reading ------------------------------------------------------------------------------

    def account(self, account_id: int | None) -> AccountSignals | None:
        """Signals of one account, computed now if not cached (None without analysis)."""
        if account_id is None:
            return None
        if account_id not in self._accounts:
            module = _signals_module()
            try:
                value = module.account_signals(self.workspace, account_id)
            except NotFoundError:  # the account was removed (or its addition undone)
                value = None
            except Exception as exc:  # a bug in analysis must not take the window down
                self.failed.emit(f"Signals could not be computed: {exc}")
                value = None
            self._accounts[account_id] = value
        return self._accounts[account_id]

    def portfolio(self) -> dict[int, AccountSignals]:
        """The latest portfolio signals (possibly a moment old; see ``portfolio_changed``)."""
        return self._portfolio

    def latest(self, account_id: int) -> AccountSignals | None:
        """The freshest signals known for an account without computing any: the portfolio's,
        or the ones computed for the account on show."""
        return self._portfolio.get(account_id) or self._accounts.get(account_id)

    # --- keeping fresh ------------------------------------------------------------------------

    def refresh(self, delay_ms: int = 0) -> None:
        """Forget everything and recompute the portfolio in the background (after ``delay_ms``,
        so that at start-up the window paints first)."""
        self._accounts.clear()
        self._timer.start(delay_ms)

    def compute_portfolio(self, delay_ms: int = 0) -> None:
        """Compute the portfolio in the background (after ``delay_ms``), keeping what is
        cached: a new session's first account, computed for the window's first paint."""
        self._timer.start(delay_ms)

    def on_changed(self, changes: ChangeSet) -> None:
        if changes.tables <= _INERT_TABLES:
            return
        if changes.tables & _GLOBAL_TABLES or not changes.accounts:
            self._accounts.clear()
            self._timer.start(0)
            return
        for account_id in changes.accounts:
            self._accounts.pop(account_id, None)
            self._fresh.pop(account_id, None)
        self._stale |= changes.accounts
        self._patch_timer.start(0)

    def _patch_portfolio(self) -> None:
        """Put the edited accounts' signals (computed once, see ``account``) in the portfolio."""
        stale, self._stale = self._stale, set()
        for account_id in stale:
            value = self.account(account_id)
            if value is not None:
                self._fresh[account_id] = value
        if not self._portfolio and not self._fresh:
            return
        portfolio = {a: v for a, v in self._portfolio.items() if a not in stale}
        self._portfolio = portfolio | self._fresh
        self.portfolio_changed.emit()

    def _start_portfolio(self) -> None:
        self._generation += 1
        self._fresh.clear()
        self._pool.start(_PortfolioJob(self, self._generation))

    def _on_computed(self, generation: int, result: object) -> None:
        if generation != self._generation:
            return  # a later change already asked for fresher results
        if isinstance(result, Exception):
            self.failed.emit(f"Signals could not be computed: {result}")
            return
        assert isinstance(result, dict)
        self._portfolio = result | self._fresh
        self.portfolio_changed.emit()

    def wait(self) -> None:
        """Let a running computation finish (before the workspace closes, and in tests)."""
        self._timer.stop()
        self._patch_timer.stop()
        self._pool.waitForDone()
