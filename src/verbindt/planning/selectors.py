import datetime as dt

from verbindt.planning.models import Holiday


def holidays_for(*, region: str, start: dt.date, end: dt.date) -> list[tuple[dt.date, dt.date]]:
    """First and last day of each holiday of ``region`` that overlaps ``start``–``end``
    (both included), earliest first. One query."""
    return [
        (first, last)
        for first, last in Holiday.objects.filter(
            holiday_region=region, start__lte=end, end__gte=start
        )
        .order_by("start")
        .values_list("start", "end")
    ]
