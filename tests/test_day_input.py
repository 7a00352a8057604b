"""Issue 13: terms as people have them (stdin, --file, b-files, %S lines) and a closed pipe."""

import io
import subprocess
import sys

import pytest

from progsearch.cli import main
from progsearch.cli.shared import InputError
from progsearch.cli.sources import read_terms, tokens_of

BFILE = "# A000290: the squares\n1 1\n2 4\n3 9\n\n4 16\n5 25\n6 36\n7 49\n"
INTERNAL = ("%I A000045 M0692\n%S A000045 0,1,1,2,3,5,8,13,21,34,\n%T A000045 55,89,144\n"
            "%N A000045 Fibonacci numbers.\n%O A000045 0,4\n")


def guess(argv, monkeypatch, capsys, stdin=None):
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(["guess", *argv, "--time-limit", "0.5", "--max-size", "4", "--next", "2"])
    out, err = capsys.readouterr()
    return code, out, err


def test_terms_from_standard_input(monkeypatch, capsys):
    code, out, err = guess(["-"], monkeypatch, capsys, stdin="1 2 4 8\n16, 32 64\n")
    assert code == 0 and err == "" and out.startswith("7 terms from n=0")
    assert "2**n" in out


def test_an_oeis_bfile_gives_terms_and_offset(tmp_path, monkeypatch, capsys):
    path = tmp_path / "b000290.txt"
    path.write_text(BFILE)
    code, out, _ = guess(["--file", str(path)], monkeypatch, capsys)
    assert code == 0 and out.startswith("7 terms from n=1") and "64, 81" in out


def test_internal_format_lines_give_terms_and_offset(monkeypatch, capsys):
    code, out, _ = guess(["-"], monkeypatch, capsys, stdin=INTERNAL)
    assert code == 0 and out.startswith("13 terms from n=0")


def test_an_explicit_offset_wins_over_the_file(tmp_path, monkeypatch, capsys):
    path = tmp_path / "b.txt"
    path.write_text(BFILE)
    _, out, _ = guess(["--file", str(path), "--offset", "3"], monkeypatch, capsys)
    assert out.startswith("7 terms from n=3")


def test_the_three_ways_of_reading():
    assert tokens_of(BFILE) == (["1", "4", "9", "16", "25", "36", "49"], 1)
    assert tokens_of(INTERNAL)[1] == 0 and tokens_of(INTERNAL)[0][-1] == "55,89,144"
    assert tokens_of("3 1 4\n1 5  # pi\n") == (["3", "1", "4", "1", "5"], None)
    assert tokens_of("1 2\n5 6\n") == (["1", "2", "5", "6"], None)  # indices not consecutive


@pytest.mark.parametrize("words, file, message", [
    (["1", "-"], None, "must be the only term"),
    (["1", "2"], "x.txt", "not both"),
    ([], None, "no terms: give them"),
    ([], "/nonexistent/b.txt", "cannot read it"),
])
def test_bad_sources_are_one_line_errors(words, file, message):
    with pytest.raises(InputError, match=message):
        read_terms(words, file)


def test_empty_input_and_a_terminal_are_refused():
    with pytest.raises(InputError, match="no terms in standard input"):
        read_terms(["-"], stdin=io.StringIO("# nothing\n"))
    tty = io.StringIO()
    tty.isatty = lambda: True
    with pytest.raises(InputError, match="it is a terminal"):
        read_terms(["-"], stdin=tty)


@pytest.mark.parametrize("command", [["guess", "0", "1", "1", "2", "3", "5", "8"],
                                     ["compare", "0", "1", "4", "9", "16", "25", "--holdout", "2"]])
def test_a_closed_pipe_ends_quietly(command):
    # the complaint: `progsearch guess ... | head -8` ended in a BrokenPipeError traceback
    proc = subprocess.Popen([sys.executable, "-m", "progsearch", *command, "--time-limit", "0.3"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.close()  # the reader is gone before anything is written
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 0 and err == ""
