"""HTML for notebooks: a search's ranking as a table, a comparison's report as preformatted text.

``SearchResult._repr_html_`` and ``Comparison._repr_html_`` call these, so a Jupyter cell
that ends in a result shows the table.  Everything is escaped; nothing here changes a result.
"""

from __future__ import annotations

from html import escape

from .display import next_text, show, table_rows

SHOWN = 10  # rows of a search's table (the lookup is always shown too)
NEXT = 5  # next terms shown per program


def _cell(text: str, tag: str = "td", align: str = "left") -> str:
    return f'<{tag} style="text-align:{align}">{escape(text)}</{tag}>'


def search_table(r, shown: int = SHOWN, k: int = NEXT) -> str:
    """A search result (``progsearch.search.SearchResult``) as an HTML table, the pick first.

    >>> from progsearch.search import search
    >>> html = search_table(search([1, 2, 4, 8, 16, 32], max_size=3))
    >>> html.startswith("<table>") and "<b>2**n</b>" in html and "a table has no" in html
    True
    """
    start = r.offset + len(r.terms)
    heads = "".join(_cell(h, "th") for h in ("#", "form", "bits", "chars", "program",
                                               f"next {k}"))
    rows = []
    for i, p in table_rows(r.programs, shown):
        program = escape(show(p))
        program = f"<b>{program}</b>" if i == 0 else program
        rows.append("<tr>" + _cell(str(i + 1), align="right") + _cell(p.form)
                    + _cell(f"{p.bits:.1f}", align="right") + _cell(str(p.chars), align="right")
                    + f'<td style="text-align:left"><code>{program}</code></td>'
                    + _cell(next_text(p, start, k)) + "</tr>")
    s = r.stats
    caption = (f"{len(r.terms)} terms from n={r.offset}: {len(r.programs)} programs found "
               f"(sizes up to {s.max_size}, stopped by {s.stopped_by}); bold: the pick, the "
               "fewest bits")
    return (f"<table><caption>{escape(caption)}</caption><tr>{heads}</tr>"
            + "".join(rows) + "</table>")


def preformatted(text: str) -> str:
    """Plain text (a printed report) as an HTML block that keeps its columns.

    >>> preformatted("a < b")
    '<pre>a &lt; b</pre>'
    """
    return f"<pre>{escape(text)}</pre>"
