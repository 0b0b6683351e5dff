"""Speed of reading saved news pages against extracting the same articles as plain text (issue 24).

    .venv/bin/python bench/bench_html.py [--rounds 5] [--script-kb 60]

The articles are the example news reports (``examples/news_report.txt``,
``examples/*_fr.txt`` and the reports of ``examples/reports.csv``), each
wrapped in a page as a news site serves it: navigation, a breaking-news
banner, a byline, a captioned photo, a related-stories box, a footer,
meta tags, JSON-LD and ``--script-kb`` KB of inline scripts and styles
(real pages carry far more; the scripts are cut before parsing), plus the
pages of ``tests/data/news``. For each page it times

- reading: markup -> Document (:func:`tally.readers.html.page_document`:
  trafilatura's main text and metadata, htmldate's dates), and, of that,
  the metadata alone (headline, site name, both dates);
- extraction: :func:`tally.extract.extract` on the Document read, which is the
  plain-text extraction of the same article;

after a warm-up, ``--rounds`` times, and prints pages/s for each, the ratio of
reading time to extraction time (goal: at most 0.30, HTML adds no more than
30% to the extraction) and the peak RSS.
"""

from __future__ import annotations

import argparse
import csv
import html
import resource
import time
from pathlib import Path

from tally.extract import extract
from tally.readers.html import page_document, page_metadata

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
NEWS = ROOT / "tests" / "data" / "news"

PAGE = """<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8">
<title>{title} - The Bench Courier</title>
<meta name="description" content="{lead}">
<meta property="og:site_name" content="The Bench Courier">
<meta property="article:published_time" content="2025-03-10T07:45:00+00:00">
<meta property="article:modified_time" content="2025-03-11T10:00:00+00:00">
<link rel="canonical" href="https://bench-courier.example/news/{n}">
<script type="application/ld+json">{{"@type": "NewsArticle", "headline": "{title}",
"datePublished": "2025-03-10T07:45:00Z", "dateModified": "2025-03-11T10:00:00Z"}}</script>
<script>{script}</script><style>{style}</style>
</head><body>
<header><nav><ul>{nav}</ul></nav>
<div class="breaking-news banner">Breaking: 40 dead as ferry sinks on Lake Kivu</div></header>
<main><article><h1>{title}</h1>
<div class="byline">By Staff Reporter, 10 March 2025 · Updated 11 March 2025</div>
<figure><img src="/img/{n}.jpg"><figcaption>Relatives mourn 6 people killed in an earlier attack.</figcaption></figure>
{body}
</article>
<aside class="related-stories"><h2>Related stories</h2><ul>
<li><a href="/a">22 killed in attack on Ogossagou</a></li><li><a href="/b">Over 300 killed since January</a></li>
</ul></aside></main>
<footer><ul>{nav}</ul><p>© 2025 The Bench Courier. 12 bureaux.</p></footer>
</body></html>"""


def _articles() -> list[tuple[str, str, str]]:
    """(language, headline, text) of each example news report."""
    out = []
    for path in [EXAMPLES / "news_report.txt", *sorted(EXAMPLES.glob("*_fr.txt"))]:
        text = path.read_text(encoding="utf-8").strip()
        first, _, rest = text.partition("\n")
        out.append(("fr" if path.name.endswith("_fr.txt") else "en", first.strip(), rest.strip() or first))
    with open(EXAMPLES / "reports.csv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            text = row["text"].strip()
            out.append((row.get("language") or "en", text.split(".")[0][:90], text))
    return out


def _pages(script_kb: int) -> list[tuple[str, str]]:
    """(name, markup) of every benchmark page."""
    nav = "".join(f'<li><a href="/section/{i}">Section {i}</a></li>' for i in range(40))
    script = ("var slot = {id: 1, size: [300, 250], targeting: {section: 'africa'}};\n" * 2000)[:script_kb * 512]
    style = (".story p { margin: 0 0 1em; line-height: 1.5; }\n" * 2000)[:script_kb * 512]
    pages = []
    for n, (lang, title, text) in enumerate(_articles()):
        paragraphs = [p.strip() for p in text.split("\n") if p.strip()]
        body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
        pages.append((f"example-{n}", PAGE.format(lang=lang, title=html.escape(title), n=n, nav=nav,
                                                  lead=html.escape(paragraphs[0][:150]), body=body,
                                                  script=script, style=style)))
    for path in sorted(NEWS.glob("*.html")):
        if path.name != "no_article.html":
            pages.append((path.name, path.read_text(encoding="utf-8")))
    return pages


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--script-kb", type=int, default=60, help="KB of inline script and style per generated page")
    args = ap.parse_args()
    pages = _pages(args.script_kb)
    docs = [page_document(markup, name) for name, markup in pages]  # warm-up: imports, gazetteer, pipelines
    for d in docs:
        extract(d)
    from trafilatura.utils import load_html

    read_s = dates_s = extract_s = 0.0
    for _ in range(args.rounds):
        for (name, markup), doc in zip(pages, docs):
            t0 = time.perf_counter()
            page_document(markup, name)
            t1 = time.perf_counter()
            extract(doc)
            t2 = time.perf_counter()
            tree = load_html(markup)
            t3 = time.perf_counter()
            page_metadata(tree, None)
            t4 = time.perf_counter()
            read_s += t1 - t0
            extract_s += t2 - t1
            dates_s += t4 - t3
    n = len(pages) * args.rounds
    kb = sum(len(m.encode("utf-8")) for _, m in pages) / len(pages) / 1024
    chars = sum(len(d.text) for d in docs) / len(docs)
    print(f"{len(pages)} pages (mean {kb:.0f} KB of markup, {chars:.0f} characters of article), {args.rounds} rounds")
    print(f"HTML reading (trafilatura + htmldate): {n / read_s:8.1f} pages/s  ({1000 * read_s / n:.2f} ms/page)")
    print(f"  of which the metadata and dates:     {n / dates_s:8.1f} pages/s  ({1000 * dates_s / n:.2f} ms/page)")
    print(f"plain-text extraction, same articles:  {n / extract_s:8.1f} docs/s   ({1000 * extract_s / n:.2f} ms/doc)")
    print(f"reading / extraction time: {read_s / extract_s:.2f} (goal <= 0.30); "
          f"page to record: {n / (read_s + extract_s):.1f} pages/s")
    print(f"peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
