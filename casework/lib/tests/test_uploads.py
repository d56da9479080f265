import pytest

from casework.lib import uploads


def test_a_real_pdf_is_accepted() -> None:
    assert uploads.check("report.PDF", b"%PDF-1.7\n...", 1000).content_type == "application/pdf"


@pytest.mark.parametrize(
    ("name", "head", "size", "message"),
    [
        ("virus.exe", b"MZ\x90\x00", 100, "must be a PDF"),
        ("virus.pdf", b"MZ\x90\x00", 100, "not really a PDF"),
        ("big.pdf", b"%PDF-", uploads.MAX_BYTES + 1, "smaller than 20 MB"),
        ("empty.txt", b"", 0, "empty"),
        ("notes.txt", b"abc\x00def", 7, "not really a text file"),
        ("page.html", b"<html>", 6, "must be a PDF"),
    ],
)
def test_what_is_refused_says_why(name: str, head: bytes, size: int, message: str) -> None:
    with pytest.raises(uploads.Refused, match=message):
        uploads.check(name, head, size)
