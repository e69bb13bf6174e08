"""The site's footer on every page, written out in Python.

Every page renders it, and through its template it cost as much as the rest of a plain
page's body (a dozen conditions, translations and escaped values); here it is a few escaped
strings, with the markup (spaces and line breaks included) the template had. What it shows
is the footer editors keep in the admin (home/footer.py) and the news feeds of the page's
language (found once per request with the head's feed links).
"""

from django import template
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, pgettext

from core.markup import text as _text
from core.structured_data import site_name
from home.footer import footer_for_request
from news.templatetags.news_tags import news_feeds

register = template.Library()


@register.simple_tag(takes_context=True)
def site_footer(context):
    """The footer editors keep in the admin (home/footer.py), in the page's language, with
    the news feeds of that language."""
    request = context.get("request")
    footer = footer_for_request(request).for_language(translation.get_language())
    return render_footer(footer, news_feeds(context))


def render_footer(footer, feeds):
    """The footer's HTML for `footer` (`Footer.for_language`) and `feeds` (`news_feeds`)."""
    name = _text(site_name())
    # Translated outside the f-strings below: xgettext does not look inside them.
    address_label = pgettext("postal address", "Address")
    phone_label = gettext("Phone")
    email_label = gettext("E-mail")
    follow_label = gettext("Follow us")
    feeds_label = gettext("News feeds")
    address = phone = email = about = social = feed_links = ""
    if footer["address"]:
        address = (
            '<p class="site-footer__address"><span class="site-footer__label">'
            f"{_text(address_label)}:</span> "
            f"{_text(footer['address'])}</p>"
        )
    if footer["phone"]:
        phone = (
            '<p class="site-footer__phone"><span class="site-footer__label">'
            f'{_text(phone_label)}:</span> <a href="{_text(footer["phone_href"])}">'
            f"{_text(footer['phone'])}</a></p>"
        )
    if footer["email"]:
        email = (
            '<p class="site-footer__email"><span class="site-footer__label">'
            f'{_text(email_label)}:</span> <a href="mailto:{_text(footer["email"])}">'
            f"{_text(footer['email'])}</a></p>"
        )
    if footer["about"]:
        title, url = footer["about"][0], footer["about"][1]
        about = f'<p class="site-footer__about"><a href="{_text(url)}">{_text(title)}</a></p>'
    if footer["social_links"]:
        links = "".join(
            f'<li><a href="{_text(url)}" rel="noopener">{_text(network)}</a></li>'
            for network, url in footer["social_links"]
        )
        social = (
            '\n    <section class="site-footer__social" aria-labelledby="footer-social-heading">'
            '\n        <h2 id="footer-social-heading" class="site-footer__heading">'
            f"{_text(follow_label)}</h2>"
            f'\n        <ul class="site-footer__links">{links}</ul>\n    </section>\n    '
        )
    if feeds:
        feed_links = (
            '\n    <section class="site-footer__feeds" aria-labelledby="footer-feeds-heading">'
            '\n        <h2 id="footer-feeds-heading" class="site-footer__heading">'
            f'{_text(feeds_label)}</h2>\n        <ul class="site-footer__links">'
            f'\n            <li><a href="{_text(feeds["rss"])}" type="application/rss+xml">'
            "RSS</a></li>"
            f'\n            <li><a href="{_text(feeds["atom"])}" type="application/atom+xml">'
            "Atom</a></li>\n        </ul>\n    </section>\n    "
        )
    year = timezone.localtime().year  # `{% now "Y" %}`: the year in the site's time zone
    return mark_safe(  # noqa: S308  (every value above is escaped)
        '<div class="site-footer__inner">\n'
        '    <section class="site-footer__contacts" aria-labelledby="footer-contacts-heading">\n'
        f'        <h2 id="footer-contacts-heading" class="site-footer__heading">{name}</h2>\n'
        f"        {address}\n        {phone}\n        {email}\n        {about}\n"
        "    </section>\n"
        f"    {social}\n"
        f"    {feed_links}\n"
        f'    <p class="site-footer__copyright">© {_text(year)} {name}</p>\n'
        "</div>\n"
    )
