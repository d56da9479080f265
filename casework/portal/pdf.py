"""Accessible PDFs of what is shared with families, drawn by WeasyPrint from the same template
as the page that shows it.

The output is tagged PDF/UA-1: a structure tree (headings, lists, tables with header cells),
the document's language and title, and embedded fonts, so a screen reader reads the PDF as it
reads the page. Arial is the house font; Debian has none, so the stack falls back to Liberation
Sans (fonts-liberation), which has the same metrics, so the layout does not move.
"""

import logging
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)

PDF_VARIANT = "pdf/ua-1"
PDF_TEMPLATE = "portal/documents/pdf.html"


def document_html(content: dict[str, Any], template_name: str) -> str:
    """The standalone HTML page the PDF is made from: the document's own template inside a
    print layout with the council's name."""
    return render_to_string(
        PDF_TEMPLATE,
        {"doc": content, "document_template": template_name, "council_name": settings.COUNCIL_NAME},
    )


def render_pdf(html: str) -> bytes:
    """Render `html` to tagged PDF/UA-1 bytes. Nothing outside the page is fetched: the page
    carries its own styles, and a document must never reach the network or the disk."""
    # Imported here: WeasyPrint loads Pango through cffi, which only the PDF paths need.
    from weasyprint import HTML  # type: ignore[import-untyped]
    from weasyprint.urls import URLFetcher  # type: ignore[import-untyped]

    fetcher = URLFetcher(allowed_protocols=(), fail_on_errors=False)
    pdf: bytes = HTML(string=html, base_url=None, url_fetcher=fetcher).write_pdf(
        pdf_variant=PDF_VARIANT, pdf_tags=True
    )
    logger.debug("rendered a PDF", extra={"bytes": len(pdf)})
    return pdf


def document_pdf(content: dict[str, Any], template_name: str) -> bytes:
    return render_pdf(document_html(content, template_name))
