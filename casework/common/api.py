import datetime

from django.http import Http404, HttpRequest
from ninja import Router, Schema

from casework.common import clock
from casework.lib.clock import UnknownRule, get_rule

router = Router(tags=["statutory clock"])


class DueOut(Schema):
    rule: str
    start: datetime.date
    due: datetime.date
    target: datetime.date
    source: str


@router.get("/clock/{rule}", response=DueOut, summary="When a statutory step falls due")
def due_date(request: HttpRequest, rule: str, start: datetime.date) -> dict[str, object]:
    try:
        clock_rule = get_rule(rule)
    except UnknownRule:
        raise Http404 from None
    dates = clock.due(rule, start)
    return {
        "rule": rule,
        "start": start,
        "due": dates.due,
        "target": dates.target,
        "source": clock_rule.source,
    }
