"""Which files Casework accepts. Checked by name and by the first bytes, so a renamed
executable is not taken for a PDF."""

from dataclasses import dataclass

MAX_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class FileType:
    label: str
    content_type: str
    signatures: tuple[bytes, ...]


ZIP = (b"PK\x03\x04",)
TYPES = {
    "pdf": FileType("PDF", "application/pdf", (b"%PDF-",)),
    "docx": FileType(
        "Word document",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ZIP,
    ),
    "odt": FileType("OpenDocument text", "application/vnd.oasis.opendocument.text", ZIP),
    "jpg": FileType("JPEG image", "image/jpeg", (b"\xff\xd8\xff",)),
    "jpeg": FileType("JPEG image", "image/jpeg", (b"\xff\xd8\xff",)),
    "png": FileType("PNG image", "image/png", (b"\x89PNG\r\n\x1a\n",)),
    "txt": FileType("Text", "text/plain", ()),
    "html": FileType("Web page (generated letter)", "text/html", ()),
}
ACCEPTED_NAMES = "PDF, Word (.docx), OpenDocument (.odt), JPEG, PNG or text"


class Refused(ValueError):
    pass


def check(name: str, head: bytes, size: int, max_bytes: int = MAX_BYTES) -> FileType:
    """The type of an upload, or Refused with a message a person can act on."""
    if size == 0:
        raise Refused("The selected file is empty")
    if size > max_bytes:
        raise Refused(f"The selected file must be smaller than {max_bytes // (1024 * 1024)} MB")
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    kind = TYPES.get(extension)
    if kind is None or extension == "html":
        raise Refused(f"The selected file must be a {ACCEPTED_NAMES}")
    if kind.signatures and not any(head.startswith(sig) for sig in kind.signatures):
        raise Refused(f"The selected file is not really a {kind.label}")
    if not kind.signatures:
        if b"\x00" in head:
            raise Refused("The selected file is not really a text file")
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as error:
            # A multi-byte character cut at the end of the sample is still text.
            if error.start < len(head) - 4:
                raise Refused("The selected file is not really a text file") from None
    return kind
