"""The ``tally`` command line: a thin layer over the library functions.

``app`` (:mod:`tally.cli.app`) is the Typer application; each module here
registers one command group on it: ``extract`` and ``eval``, the store's
``ingest``/``list``/``show``/``history``/``export``, the link overrides
``link``/``unlink``/``merge``/``relink``, ``serve`` and ``check``.
"""

from .app import app
from . import extract as _extract  # noqa: E402,F401  (registers extract, eval)
from . import store as _store  # noqa: E402,F401  (registers ingest, list, show, history, export)
from . import link as _link  # noqa: E402,F401  (registers link, unlink, merge, relink)
from . import serve as _serve  # noqa: E402,F401  (registers serve)
from . import check as _check  # noqa: E402,F401  (registers check)

__all__ = ["app"]
