"""Listings paginated in one query: the page's rows carry the number of all rows.

Django's paginator counts the listing (one query) and then reads the page (another). On a
listing's render with nothing kept, building the count's SQL cost as much as the listing's
own, for a number the database works out anyway while it reads the page: here it comes with
each row of the page, as a window function (`COUNT(*) OVER ()`, on PostgreSQL and on
SQLite), and the count is asked for on its own only when the page asked for holds no row (a
number past the end, shown as the last page as before, or an empty listing past page one).
"""

from django.core.paginator import Paginator
from django.db.models import Count, Window

TOTAL = "listing_total"


class ListingPaginator(Paginator):
    """Django's `Paginator.get_page`, counting with the page. `object_list`: a queryset of
    models or of `values_list` rows."""

    def get_page(self, number):
        try:
            number = int(number) if number not in (None, "") else 1
        except (TypeError, ValueError):
            number = 1
        if number < 1 or self.orphans:
            return super().get_page(number)
        bottom = (number - 1) * self.per_page
        rows = list(
            self.object_list.annotate(**{TOTAL: Window(Count("*"))})[
                bottom : bottom + self.per_page
            ]
        )
        if not rows:
            if number > 1:
                return super().get_page(number)  # past the end: the last page, counted
            self.__dict__["count"] = 0
            return self._get_page([], 1, self) if self.allow_empty_first_page else self.page(1)
        if isinstance(rows[0], tuple):
            total = rows[0][-1]
            rows = [row[:-1] for row in rows]
        else:
            total = getattr(rows[0], TOTAL)
        self.__dict__["count"] = total  # Paginator.count is a cached property
        return self._get_page(rows, number, self)
