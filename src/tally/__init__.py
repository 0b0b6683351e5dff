"""tally: an auditable incident database from reporting about violent incidents."""

__version__ = "0.1.0"

from .model import SCHEMA_VERSION  # noqa: E402

__all__ = ["__version__", "SCHEMA_VERSION"]
