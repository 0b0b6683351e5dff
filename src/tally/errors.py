"""Errors tally reports to its users: each names the input and, where it can,
the line, row or page at fault."""

from __future__ import annotations


class TallyError(Exception):
    """Base class of every error tally raises on purpose."""


class ReaderError(TallyError):
    """An input that cannot be read: ``source`` is the file, ``where`` the
    line, row or page (``"line 3"``, ``"row 12"``, ``"page 4521"``)."""

    def __init__(self, source: str, message: str, where: str | None = None):
        self.source = source
        self.where = where
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        at = f" ({self.where})" if self.where else ""
        return f"{self.source}{at}: {self.message}"
