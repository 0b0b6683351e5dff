"""tally: an auditable incident database from reporting about violent incidents.

Takes documents (articles, news reports, dataset notes) and gives incident
records with every casualty claim and its evidence. The stages, in the order
the data flows, are described in docs/architecture.md."""

__version__ = "0.1.0"

from .model import SCHEMA_VERSION  # noqa: E402

__all__ = ["__version__", "SCHEMA_VERSION"]
