"""The links of a GOV.UK pagination component, for a page that may hold several paged lists.

Each list has its own query parameter, and every link keeps the rest of the query string, so
moving through one list leaves the others on the page they were on.
"""

from dataclasses import dataclass

from django.http import HttpRequest

from casework.lib.paging import Page


@dataclass(frozen=True)
class PageLink:
    """A page number to offer, or a gap (`number` None) shown as an ellipsis."""

    number: int | None
    url: str = ""
    current: bool = False


@dataclass(frozen=True)
class Pagination:
    label: str
    previous: str
    next: str
    links: list[PageLink]


def pagination(
    request: HttpRequest, parameter: str, page: Page, *, label: str, fragment: str = ""
) -> Pagination | None:
    """The links for `page` of one list, or None when the list fits on one page. `label` names
    the navigation landmark, which must differ from the page's other paginations; `fragment` is
    where each link lands, so that the person is taken back to the list they were paging."""
    if not page.has_other_pages:
        return None

    def url(number: int) -> str:
        query = request.GET.copy()
        # Page 1 is the default, so its links drop the parameter and stay short.
        if number == 1:
            query.pop(parameter, None)
        else:
            query[parameter] = str(number)
        encoded = query.urlencode()
        link = f"{request.path}?{encoded}" if encoded else request.path
        return f"{link}#{fragment}" if fragment else link

    return Pagination(
        label=label,
        previous=url(page.number - 1) if page.has_previous else "",
        next=url(page.number + 1) if page.has_next else "",
        links=[
            PageLink(n, url(n), n == page.number) if n is not None else PageLink(None)
            for n in page.numbers()
        ],
    )
