"""Issue 13: a teacher's Jupyter cell shows the table (``_repr_html_``)."""

from progsearch import compare, search


def test_a_search_result_renders_as_an_html_table():
    html = search([0, 1, 4, 9, 16, 25, 36], max_size=3, time_limit=1.0)._repr_html_()
    assert html.startswith("<table>") and html.endswith("</table>")
    assert "<b>n*n</b>" in html and "49, 64, 81, 100, 121" in html  # the pick and its next terms
    assert "lookup" in html and "a table has no next term" in html
    assert html.count("<tr>") == 1 + html.count("<td style=\"text-align:right\">") // 3


def test_html_is_escaped():
    html = search([2, 3, 5, 7, 11, 13, 17], max_size=3, time_limit=1.0)._repr_html_()
    assert "k &gt;= 0 with isprime(k)" in html and "k >= 0" not in html


def test_a_comparison_renders_its_report():
    c = compare([0, 1, 4, 9, 16, 25], [36], time_limit=1.0, max_size=3, degrees=(2,))
    html = c._repr_html_()
    assert html.startswith("<pre>") and html.endswith("</pre>")
    assert "progsearch compare: 6 training terms" in html and "&gt;  1 formula" in html
