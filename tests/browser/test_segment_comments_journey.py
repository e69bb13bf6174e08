"""Review that talks (issue 21, point 6) in Chromium, in both directions: the Moderator opens
the translation in review, comments on one segment, asks for changes from the dashboard; the
translator opens the editor, sees the comment on exactly that segment (and on no other) and
marks it resolved; the page's History view lists the comment and its resolution.
Screenshots go to the pytest base temp directory (`segment-comments-*`)."""

import pytest
from playwright.sync_api import Page, expect

from tests.editorial_helpers import (
    PASSWORD,
    admin_text,
    create_appeal,
    fill_strings,
    make_user,
    submit_for_translation,
    target_page,
)
from tests.totp_codes import fresh_code

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TITLE = {"kk": "Еңбек қауіпсіздігі туралы үндеу", "ru": "Обращение об охране труда"}
FIRST = {"kk": "Кәсіподақ мүшелерін қорғау.", "ru": "Защита членов профсоюза."}
SECOND = {"kk": "Келесі жиналыс сәуірде өтеді.", "ru": "Следующее собрание пройдёт в апреле."}
REMARK = "Айды тексеріңіз: жиналыс мамырда өтеді."


@pytest.fixture
def in_review(live_server):
    """A published source page and its translation, filled and submitted for review."""

    def make(source, target):
        from django_otp.plugins.otp_totp.models import TOTPDevice

        from accounts.second_factor import AUTHENTICATOR_NAME
        from editorial.roles import MODERATORS, translators_group_name
        from editorial.setup import setup_editorial
        from editorial.translations import submit_translation_for_review

        setup_editorial()
        moderator = make_user("moderator", MODERATORS)
        TOTPDevice.objects.create(user=moderator, name=AUTHENTICATOR_NAME, confirmed=True)
        translator = make_user("translator", translators_group_name(target))
        page = create_appeal(source, TITLE[source], FIRST[source], SECOND[source])
        translation = submit_for_translation(page, target)
        fill_strings(translation, user=translator)
        submit_translation_for_review(translation, translator)
        return translation

    return make


def sign_in(page: Page, base, username):
    from django.contrib.auth import get_user_model

    page.context.clear_cookies()
    page.goto(f"{base}/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form.login-form button[type=submit]").click()
    page.wait_for_load_state()
    if "/two-factor/" in page.url:
        user = get_user_model().objects.get(username=username)
        page.locator("#id_code").fill(fresh_code(user))
        page.locator("form.login-form button[type=submit]").click()
    expect(page).to_have_url(f"{base}/admin/")


def segment(page: Page, source_text):
    """The translation editor's segment whose source text is `source_text`."""
    return page.locator("section > ul > li > h3 + ul > li").filter(
        has=page.locator(":scope > p", has_text=source_text)
    )


@pytest.mark.parametrize(("source", "target"), [("kk", "ru"), ("ru", "kk")])
def test_a_moderator_comments_on_one_segment_and_the_translator_resolves_it(
    page: Page, live_server, in_review, tmp_path_factory, source, target
):
    translation = in_review(source, target)
    ru_page = target_page(translation)
    shots = tmp_path_factory.mktemp(f"segment-comments-{source}-{target}")
    base = live_server.url
    editor_url = f"{base}/admin/pages/{ru_page.pk}/edit/"

    # 1. The Moderator opens the translation in review and comments on the second paragraph.
    sign_in(page, base, "moderator")
    page.goto(editor_url)
    second = segment(page, SECOND[source])
    expect(second).to_have_count(1)
    second.get_by_role("button", name=admin_text("Comment on this segment")).click()
    second.get_by_label(admin_text("Your comment to the translator")).fill(REMARK)
    second.get_by_role("button", name=admin_text("Send comment")).click()
    expect(second.locator(".editorial-segment-comment")).to_contain_text(REMARK)
    expect(page.locator(".editorial-segment-comments__list li", has_text=REMARK)).to_have_count(
        2  # under the segment, and in the list above the segments
    )
    page.screenshot(path=shots / "01-moderator-commented.png", full_page=True)

    # 2. ... and asks for changes from the dashboard.
    page.goto(f"{base}/admin/")
    row = page.locator("tr", has_text=TITLE[source]).first
    row.locator("[data-w-dropdown-target=toggle]").click()
    row.get_by_role("button", name=admin_text("Request changes"), exact=True).click()
    dialog = page.locator(".modal-content")
    dialog.locator("textarea").fill(admin_text("Changes requested"))
    dialog.locator("[type=submit]").click()
    expect(page.locator(".messages")).to_contain_text(
        admin_text(
            "“%(title)s” is sent back to its author for changes.",
            title=ru_page.get_admin_display_title(),
        )
    )

    # 3. The translator sees the comment on exactly that segment, and resolves it.
    sign_in(page, base, "translator")
    page.goto(editor_url)
    second = segment(page, SECOND[source])
    first = segment(page, FIRST[source])
    comment = second.locator(".editorial-segment-comment")
    expect(comment).to_have_count(1)
    expect(comment).to_contain_text(REMARK)
    expect(comment).to_contain_text("moderator")
    expect(first).to_have_count(1)
    expect(first.locator(".editorial-segment-comment")).to_have_count(0)
    expect(page.locator(".editorial-segment-comment", has_text=REMARK)).to_have_count(2)
    expect(second.get_by_role("button", name=admin_text("Comment on this segment"))).to_have_count(
        0
    )
    page.screenshot(path=shots / "02-translator-sees-the-comment.png", full_page=True)
    comment.get_by_role("button", name=admin_text("Mark resolved")).click()
    expect(comment).to_contain_text(admin_text("Resolved"))
    expect(comment.get_by_role("button", name=admin_text("Mark resolved"))).to_have_count(0)
    page.screenshot(path=shots / "03-translator-resolved.png", full_page=True)

    # 4. The page's history lists the comment and its resolution.
    page.goto(f"{base}/admin/pages/{ru_page.pk}/history/")
    expect(page.locator("main")).to_contain_text(
        admin_text("Commented on the segment “%(segment)s”", segment=SECOND[source])
    )
    expect(page.locator("main")).to_contain_text(
        admin_text(
            "Resolved %(author)s's comment on the segment “%(segment)s”",
            author="moderator",
            segment=SECOND[source],
        )
    )
    expect(page.locator("main")).to_contain_text(REMARK)
    page.screenshot(path=shots / "04-history.png", full_page=True)
