"""Each year's census schema, and checking a written file against it without reading the whole
file into memory.

The schemas in `schemas/` are Casework's own, one per collection year, derived from the DfE's
2023-24 schema; each difference is explained in a comment in the file.
"""

import functools
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from lxml import etree

from casework.returns.cin.years import CensusYear

SCHEMA_DIR = Path(__file__).parent / "schemas"
XSD = "{http://www.w3.org/2001/XMLSchema}"


@dataclass(frozen=True, slots=True)
class SchemaError:
    line: int | None
    message: str

    def __str__(self) -> str:
        return f"Line {self.line}: {self.message}" if self.line else self.message


def schema_path(year: CensusYear) -> Path:
    return SCHEMA_DIR / f"cin_{year.year}.xsd"


@functools.cache
def schema(year: int) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMA_DIR / f"cin_{year}.xsd")))


@functools.cache
def _fragments(year: int) -> etree.XMLSchema:
    """The year's schema with Header and Child also allowed as the root, so that each can be
    checked on its own to say which line an error is on."""
    tree = etree.parse(str(SCHEMA_DIR / f"cin_{year}.xsd"))
    root = tree.getroot()
    for name, type_name in (("Header", "headertype"), ("Child", "childtype")):
        etree.SubElement(root, f"{XSD}element", name=name, type=type_name)
    return etree.XMLSchema(tree)


class _Hashing:
    """A file read through this is hashed as it is read, so checking and hashing take one
    pass."""

    def __init__(self, stream: IO[bytes]) -> None:
        self._stream = stream
        self.digest = hashlib.sha256()
        self.size = 0

    def read(self, size: int = -1) -> bytes:
        data = self._stream.read(size)
        self.digest.update(data)
        self.size += len(data)
        return data


@dataclass
class Checked:
    errors: list[SchemaError]
    sha256: str
    size: int

    @property
    def valid(self) -> bool:
        return not self.errors


def check(path: Path, year: CensusYear) -> Checked:
    """Check the census file at `path` against `year`'s schema, streaming it (lxml validates
    as it parses, and each child is freed once read), and hash it on the way."""
    with path.open("rb") as stream:
        reader = _Hashing(stream)
        errors: list[SchemaError] = []
        try:
            # Not resolve_entities=False: with a schema, lxml then lets a truncated file
            # through without an error. The file is our own, written without a DTD.
            # Only children are handed back, to be freed: the rest is checked inside lxml.
            for _event, element in etree.iterparse(
                reader, events=("end",), tag="Child", schema=schema(year.year), no_network=True
            ):
                _free(element)
        except etree.XMLSyntaxError as error:
            errors = [SchemaError(None, entry.message) for entry in error.error_log] or [
                SchemaError(error.lineno or None, str(error))
            ]
        # Whatever stopped the parse, read to the end so the hash is of the whole file.
        while reader.read(1 << 20):
            pass
    if errors:
        # libxml2 does not keep line numbers while it validates a stream; find them again by
        # checking the header and each child on its own.
        errors = list(_located(path, year)) or errors
    return Checked(errors=errors, sha256=reader.digest.hexdigest(), size=reader.size)


def _free(element: etree._Element) -> None:
    if element.tag == "Child":
        element.clear()
        parent = element.getparent()
        if parent is not None:
            while element.getprevious() is not None:
                del parent[0]


def _located(path: Path, year: CensusYear) -> Iterator[SchemaError]:
    fragments = _fragments(year.year)
    try:
        for _event, element in etree.iterparse(
            str(path), events=("end",), resolve_entities=False, no_network=True
        ):
            parent = element.getparent()
            parent_tag = parent.tag if parent is not None else None
            if (element.tag, parent_tag) in (("Header", "Message"), ("Child", "Children")):
                if not fragments.validate(element):
                    for entry in fragments.error_log:
                        yield SchemaError(entry.line or element.sourceline, entry.message)
                _free(element)
    except etree.XMLSyntaxError as error:
        yield SchemaError(error.lineno or None, f"The file is not well-formed XML: {error.msg}")
