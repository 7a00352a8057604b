"""Issue 13: a teacher's Jupyter cell shows the table (``_repr_html_``)."""

from html.parser import HTMLParser

from progsearch import compare, search


def test_a_search_result_renders_as_an_html_table():
    r = search([0, 1, 4, 9, 16, 25, 36], max_size=3, time_limit=1.0)
    html = r._repr_html_()
    assert html.startswith("<table>") and html.endswith("</table>")
    assert "<b>n*n</b>" in html and "49, 64, 81, 100, 121" in html  # the pick and its next terms
    assert "lookup" in html and "a table has no next term" in html
    rows = table_rows(html)
    assert rows[0] == ["#", "form", "bits", "chars", "program", "next 5"]
    ranks = [i for i, p in enumerate(r.programs) if i < 10 or p.form == "lookup"]
    assert [int(row[0]) for row in rows[1:]] == [i + 1 for i in ranks]  # top 10 and the lookup
    for row, i in zip(rows[1:], ranks):
        p = r.programs[i]
        assert row[1:4] == [p.form, f"{p.bits:.1f}", str(p.chars)]
        namespace: dict = {}
        exec(p.source, namespace)  # the program shown computes the terms searched
        assert [namespace["a"](n) for n in range(7)] == r.terms


def table_rows(html: str) -> list[list[str]]:
    """The text of each cell, row by row, read back with the standard HTML parser."""
    rows: list[list[str]] = []

    class Cells(HTMLParser):
        def handle_starttag(self, tag, attrs):
            if tag == "tr":
                rows.append([])
            elif tag in ("td", "th"):
                rows[-1].append("")

        def handle_data(self, data):
            if rows and rows[-1]:
                rows[-1][-1] += data

    Cells().feed(html)
    return rows


def test_html_is_escaped():
    html = search([2, 3, 5, 7, 11, 13, 17], max_size=3, time_limit=1.0)._repr_html_()
    assert "k &gt;= 0 with isprime(k)" in html and "k >= 0" not in html


def test_a_comparison_renders_its_report():
    c = compare([0, 1, 4, 9, 16, 25], [36], time_limit=1.0, max_size=3, degrees=(2,))
    html = c._repr_html_()
    assert html.startswith("<pre>") and html.endswith("</pre>")
    assert "progsearch compare: 6 training terms" in html and "&gt;  1 formula" in html
