"""The one place where wagtail-localize's translation editor (a compiled React bundle) is changed
on the client: everything it shows differently here is a replacement below, driven by the
props that editorial_tags.editorial_editor_props rewrites on the server. One companion script,
editorial/static/editorial/workbench.js, adds to the page what changed in the source text
(issue 21, point 1), on the segments this copy marks with their ids.

The bundle passes all but two of its
interface strings through gettext: the screen-reader label "More actions" and the heading
"<source> to <target> translation" are written in English. Every admin language showed them
in English ("Қазақша to Русский translation"). And a translator's footer offered "More
actions" that opened an empty menu (see below).

This module writes a copy of the installed bundle with those two passed through the same
gettext (`rt()`, the bundle's binding of Django's JavaScript catalogue) to
federation_site/static/wagtail_localize/js/wagtail-localize.js; the static files finders
serve the project's static directory before the package's, so the copy replaces the
original everywhere. Their Kazakh and Russian translations are in
federation_site/admin_locale/wagtail_localize/<language>/LC_MESSAGES/djangojs.po.

After an upgrade of wagtail-localize, run `python -m editorial.localize_js`;
tests/editorial/test_admin_catalogues.py fails while the copy differs from what this writes."""

from pathlib import Path

import wagtail_localize

RELATIVE = Path("wagtail_localize") / "js" / "wagtail-localize.js"
INSTALLED = Path(wagtail_localize.__file__).parent / "static" / RELATIVE
COPY = Path(__file__).resolve().parent.parent / "federation_site" / "static" / RELATIVE

# (upstream text, replacement, how many times upstream has it)
REPLACEMENTS = [
    ('"w-sr-only"},"More actions")', '"w-sr-only"},rt()("More actions"))', 2),
    (
        "{title:`${r.sourceLocale.displayName} to ${r.locale.displayName} translation`}",
        '{title:rt()("%(source)s to %(target)s translation")'
        '.replace("%(source)s",r.sourceLocale.displayName)'
        '.replace("%(target)s",r.locale.displayName)}',
        2,
    ),
]
# Two changes of behaviour, for people with few actions (translators): the "Stop Synced
# translation" action only when the props give its URL (editorial_tags.editorial_editor_props
# leaves it out for those who may not stop translations), and the footer's "More actions"
# dropdown only when it has something in it (it opened an empty menu).
REPLACEMENTS += [
    (
        'let i=[t().createElement("button",{type:"submit",className:"button button-longrunning'
        ' action-secondary","data-controller":"w-progress w-action","data-action":"w-progress'
        '#activate w-action#post","data-w-progress-active-value":rt()("Stopping Synced '
        'translation")',
        'let i=a.stopTranslationUrl?[t().createElement("button",{type:"submit",className:'
        '"button button-longrunning action-secondary","data-controller":"w-progress w-action",'
        '"data-action":"w-progress#activate w-action#post","data-w-progress-active-value":rt()'
        '("Stopping Synced translation")',
        1,
    ),
    ('rt()("Stop Synced translation")))];', 'rt()("Stop Synced translation")))]:[];', 1),
    (
        'e,t().createElement("div",{"data-controller":"w-dropdown",className:"w-dropdown '
        'w-dropdown--dropdown-button","data-w-dropdown-theme-value":"dropdown-button",'
        '"data-w-dropdown-offset-value":"[0, 0]","data-w-dropdown-keep-mounted-value":"true"}',
        'e,r.length>0&&t().createElement("div",{"data-controller":"w-dropdown",className:'
        '"w-dropdown w-dropdown--dropdown-button","data-w-dropdown-theme-value":"dropdown-button",'
        '"data-w-dropdown-offset-value":"[0, 0]","data-w-dropdown-keep-mounted-value":"true"}',
        1,
    ),
]
# The main action for people who may edit but not publish (translators): the props carry
# `perms.submitForReview` ({"label", "busy"}, in the admin language, from
# editorial_tags.editorial_editor_props) and the button reads "Submit for review"; the server
# turns that POST into a new revision plus a moderation workflow. Without it, upstream's
# "Publish in <language>".
REPLACEMENTS += [
    (
        'value:"publish",className:"button button-longrunning","data-clicked-text":'
        'rt()("Publishing..."),"data-controller":"w-progress","data-action":"w-progress#activate'
        ' w-action#post","data-w-progress-active-value":rt()("Publishing..."),',
        'value:"publish",className:"button button-longrunning","data-clicked-text":'
        '(n.submitForReview?n.submitForReview.busy:rt()("Publishing...")),"data-controller":'
        '"w-progress","data-action":"w-progress#activate w-action#post",'
        '"data-w-progress-active-value":(n.submitForReview?n.submitForReview.busy:'
        'rt()("Publishing...")),',
        1,
    ),
    (
        '{"data-w-progress-target":"label"},rt()("Publish in ")+s.displayName)));const l=i.pop()',
        '{"data-w-progress-target":"label"},(n.submitForReview?n.submitForReview.label:'
        'rt()("Publish in ")+s.displayName))));const l=i.pop()',
        1,
    ),
]
# Each string segment's item carries its segment's id (`data-segment-id`), so that our
# companion script (editorial/static/editorial/workbench.js) finds the segments whose source
# changed and shows their previous text there; React renders nothing else differently.
REPLACEMENTS += [
    (
        't().createElement("li",{className:p},e.location.subField',
        't().createElement("li",{className:p,"data-segment-id":e.id},e.location.subField',
        1,
    ),
]
# The strings the replacements add to the catalogue (for makemessages-free checks).
MSGIDS = ["More actions", "%(source)s to %(target)s translation"]


class UpstreamChanged(Exception):
    pass


def patched(source):
    if "tt=gettext;var rt=r.n(tt)" not in source:
        raise UpstreamChanged("the bundle no longer binds gettext as rt()")
    for old, new, count in REPLACEMENTS:
        if source.count(old) != count:
            raise UpstreamChanged(f"expected {count} of {old!r}, found {source.count(old)}")
        source = source.replace(old, new)
    return source


def write():
    COPY.parent.mkdir(parents=True, exist_ok=True)
    COPY.write_text(patched(INSTALLED.read_text()))
    return COPY


if __name__ == "__main__":
    print(f"Wrote {write()}")
