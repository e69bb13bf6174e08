"""Month names used by the "E" date format, listed here so our catalogues carry them.

Kazakh writes the month in lower case after the day ("2023 жылғы 19 наурыз"); Django's
own Kazakh catalogue capitalises it. Russian uses the genitive ("19 марта 2023 г.").
"""

from django.utils.translation import pgettext_lazy

ALTERNATIVE_MONTH_NAMES = [
    pgettext_lazy("alt. month", "January"),
    pgettext_lazy("alt. month", "February"),
    pgettext_lazy("alt. month", "March"),
    pgettext_lazy("alt. month", "April"),
    pgettext_lazy("alt. month", "May"),
    pgettext_lazy("alt. month", "June"),
    pgettext_lazy("alt. month", "July"),
    pgettext_lazy("alt. month", "August"),
    pgettext_lazy("alt. month", "September"),
    pgettext_lazy("alt. month", "October"),
    pgettext_lazy("alt. month", "November"),
    pgettext_lazy("alt. month", "December"),
]
