"""The one data model shared by every stage of tally.

Readers produce :class:`Document` objects (text with offsets, sections, infobox,
links). Extractors read a Document and produce an :class:`Incident` whose
:class:`Claim` objects point back into ``Document.text`` by character offsets,
so every number can be traced to the words it came from. ``to_dict`` turns an
Incident into the JSON shape documented in ``docs/schema.md`` and checked by
``src/tally/schema/incident.schema.json``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

SCHEMA_VERSION = "1.0"

#: Casualty categories, in the order they are reported.
CATEGORIES = ("killed", "injured", "arrested", "captured", "missing", "hostages", "displaced")

#: Qualifiers a claim may carry (``None`` when the text states a bare figure).
QUALIFIERS = (
    "exactly",  # a bare or explicit exact figure
    "at least",  # "at least", "more than", "over", "30+": low bound, open high
    "about",  # "about", "around", "nearly", "some", "approximately"
    "up to",  # "up to", "as many as", "no more than": high bound
    "range",  # "77-100", "between 40 and 60"
    "vague",  # "several", "dozens", "hundreds": a documented low-high range
)


# --------------------------------------------------------------------------- documents


@dataclass(slots=True)
class Section:
    """A section of a document: ``text[start:end]`` is its body (heading excluded)."""

    name: str
    level: int
    start: int
    end: int


@dataclass(slots=True)
class InfoboxField:
    """One ``key = value`` of an infobox.

    ``key`` is the normalised key (lower case, spaces and dashes as ``_``);
    ``name`` the key as written; ``raw`` the value as written in the source
    (wikitext with refs and templates, or the plain line); ``value`` the clean
    text, which is what ``Document.text[start:end]`` holds.
    """

    key: str
    name: str
    raw: str
    value: str
    start: int
    end: int


@dataclass(slots=True)
class Infobox:
    """An infobox: its template (``Infobox military conflict``), its family
    (``conflict``, ``attack`` or ``other``) and its fields in source order."""

    template: str
    kind: str
    fields: list[InfoboxField] = field(default_factory=list)
    start: int = 0
    end: int = 0

    def get(self, *keys: str) -> InfoboxField | None:
        """The first non-empty field among ``keys`` (normalised keys)."""
        for key in keys:
            for f in self.fields:
                if f.key == key and f.value.strip():
                    return f
        return None


@dataclass(slots=True)
class Link:
    """A link out of the document: ``kind`` is ``see_also``, ``part_of``,
    ``wikilink`` or ``category``."""

    target: str
    kind: str
    label: str | None = None


@dataclass(slots=True)
class Document:
    """What every reader produces.

    ``text`` is the readable text of the whole document; all offsets in the
    data model (sections, infobox fields, claims) index into it. ``source`` says
    where the document came from (path, plus ``#row=N`` or ``#page=ID`` for
    multi-document files); ``meta`` holds what the format knows about it
    (page_id, revision_id, timestamp, row, date...). ``language`` is an ISO
    639-1 code when the user or the input says it (``--lang``), else ``None``
    and the extraction detects it.
    """

    text: str
    source: str
    format: str
    title: str | None = None
    id: str | None = None
    sections: list[Section] = field(default_factory=list)
    infobox: Infobox | None = None
    links: list[Link] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)
    language: str | None = None

    @classmethod
    def from_text(cls, text: str, source: str = "<text>", **kwargs: Any) -> "Document":
        """A document of plain text with no structure: one lead section."""
        return cls(text=text, source=source, format=kwargs.pop("format", "text"),
                   sections=[Section("Lead", 1, 0, len(text))], **kwargs)

    def section_at(self, offset: int) -> Section | None:
        """The innermost section whose body contains ``offset``."""
        best = None
        for s in self.sections:
            if s.start <= offset < s.end and (best is None or s.level >= best.level):
                best = s
        return best


# --------------------------------------------------------------------------- records


@dataclass(slots=True)
class DateRange:
    """``start``/``end`` are ISO dates (``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``
    as the precision allows); ``precision`` is ``day``, ``month`` or ``year``;
    ``text`` the words it was read from and ``rule`` how it was chosen
    (``infobox``, ``stated``, ``relative``, ``publication``, ``title``)."""

    start: str | None = None
    end: str | None = None
    precision: str | None = None
    text: str | None = None
    rule: str | None = None


@dataclass(slots=True)
class Place:
    """A place named by the document, resolved as far as the gazetteer allows.

    ``precision``: ``exact``, ``near``, ``district``, ``admin1``, ``country``
    (UCDP-like levels), ``None`` when unresolved. ``locality``: the village or
    town the text names as where it happened when the gazetteer does not know
    it ("à Tamzoura, un village situé à 60 km de Dori"); the point is then a
    coarser place's."""

    name: str
    country: str | None = None
    country_iso3: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: str | None = None
    geonames_id: int | None = None
    locality: str | None = None


@dataclass(slots=True)
class Actor:
    name: str
    aliases: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Strength:
    low: int | None = None
    high: int | None = None
    source: str | None = None
    text: str | None = None


@dataclass(slots=True)
class Side:
    """A belligerent side. ``id`` is ``"1"``, ``"2"``... in infobox order."""

    id: str
    actors: list[Actor] = field(default_factory=list)
    commanders: list[str] = field(default_factory=list)
    units: list[str] = field(default_factory=list)
    strength: Strength | None = None


@dataclass(slots=True)
class Claim:
    """One statement of a casualty figure, with its evidence.

    ``categories`` holds one category or several ("20 killed or arrested" is
    ``["killed", "arrested"]``). ``low``/``high`` bound the figure (``high``
    ``None`` means open-ended). ``text`` is exactly ``document.text[start:end]``
    (the sentence or infobox line); ``figure_start``/``figure_end`` locate the
    number inside the document. ``side`` is a side id (``"1"``, ``"2"``...),
    ``"civilians"``, ``"perpetrators"``, ``"other"`` or ``None`` when unknown.
    ``origin`` is ``infobox`` or ``body``. ``source_class`` says who the
    source is (:mod:`tally.claims.sources`): ``independent`` (news agencies and
    media, UN bodies, NGOs, hospitals and medics, witnesses, local civil
    authorities), ``party`` (a belligerent, its government, military or
    police, an armed group, the perpetrator's own claim) or ``None`` when the
    text names no source. ``victim_group`` says whom a killed or injured figure
    counts (:mod:`tally.reconcile.victims`): ``civilians``, ``security_forces``,
    ``perpetrators`` or ``unknown``; ``None`` for other categories and before
    reconcile.
    """

    categories: list[str]
    low: int | None
    high: int | None
    text: str
    start: int
    end: int
    qualifier: str | None = None
    group: str | None = None
    side: str | None = None
    source: str | None = None
    section: str | None = None
    origin: str = "body"
    other_event: bool = False
    figure: str | None = None
    figure_start: int | None = None
    figure_end: int | None = None
    source_class: str | None = None
    victim_group: str | None = None


@dataclass(slots=True)
class Estimate:
    """A reconciled figure: ``rule`` names the rule that chose it and ``claims``
    the indexes (into ``Incident.claims``) of the claims it rests on."""

    low: int | None = None
    best: int | None = None
    high: int | None = None
    rule: str | None = None
    claims: list[int] = field(default_factory=list)


@dataclass(slots=True)
class Coding:
    """One value of a dataset's typology (``Incident.typology``), with its
    evidence as a claim has it: ``rule`` says how it was decided; ``text``
    (``document.text[start:end]``) the words that decided it, or ``None`` when
    no words did (a default, the sides of the infobox)."""

    value: Any
    rule: str
    text: str | None = None
    start: int | None = None
    end: int | None = None


@dataclass(slots=True)
class Loss:
    """A material loss the text states ("destroying six aircraft", "burned 40
    houses"): ``category`` is ``destroyed``, ``damaged`` or ``seized``;
    ``object`` the thing lost as written, ``count`` how many (``None`` when
    the text gives no number); ``text`` is ``document.text[start:end]``, the
    words that say it; ``source`` who said so (the source of a casualty claim
    in the same sentence), ``None`` when the text names none."""

    category: str
    object: str
    count: int | None
    text: str
    start: int
    end: int
    source: str | None = None


#: the typology's schemes and their fields, in the datasets' own names (docs/typology.md)
TYPOLOGY_FIELDS = {
    "acled": ("disorder_type", "event_type", "sub_event_type", "civilian_targeting", "actor1", "inter1", "actor2",
              "inter2", "interaction"),
    "gtd": ("attacktype1_txt", "attacktype2_txt", "attacktype3_txt", "weaptype1_txt", "weaptype2_txt",
            "weaptype3_txt", "targtype1_txt", "targtype2_txt", "targtype3_txt", "gname", "suicide", "ishostkid",
            "property", "propextent"),
    "ucdp": ("type_of_violence", "side_a", "side_b"),
}


@dataclass(slots=True)
class Incident:
    """The incident record: what ``tally extract`` prints, one per document."""

    id: str
    title: str | None
    source: dict[str, Any]
    language: str | None = None
    date: DateRange = field(default_factory=DateRange)
    location: Place | None = None
    places: list[Place] = field(default_factory=list)
    part_of: str | None = None
    result: str | None = None
    sides: list[Side] = field(default_factory=list)
    perpetrators: list[Actor] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    casualties: dict[str, Estimate | None] = field(default_factory=dict)
    casualties_by_side: dict[str, dict[str, Estimate | None]] = field(default_factory=dict)
    casualties_by_group: dict[str, dict[str, Estimate | None]] = field(default_factory=dict)
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    reactions: list[dict[str, Any]] = field(default_factory=list)
    related: list[dict[str, Any]] = field(default_factory=list)
    typology: dict[str, dict[str, Coding]] = field(default_factory=dict)
    losses: list[Loss] = field(default_factory=list)
    schema_version: str = SCHEMA_VERSION


def to_dict(obj: Any) -> dict[str, Any]:
    """An Incident (or any model object) as plain JSON-ready data."""
    data = asdict(obj)
    if isinstance(obj, Incident):
        # schema_version first, for readers of the JSON
        data = {"schema_version": data.pop("schema_version"), **data}
    return data
