"""Demo users, one per role. Development only: load_demo refuses production settings."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.users.models import UserProfile

from .roles import EDITORS, MODERATORS, translators_group_name
from .setup import setup_editorial

DEMO_PASSWORD = "demo-password-2023"  # noqa: S105  (printed by `make run`; never in production)

DEMO_USERS = [
    ("admin", None, True),
    ("editor", EDITORS, False),
    ("moderator", MODERATORS, False),
    ("translator_kk", translators_group_name("kk"), False),
    ("translator_ru", translators_group_name("ru"), False),
]
# Each person's admin language, as real staff would have it (Account → Language); Kazakh
# is everyone else's default (LANGUAGE_CODE).
ADMIN_LANGUAGES = {"moderator": "ru", "translator_ru": "ru", "editor": "kk", "translator_kk": "kk"}


def load(stdout=None):
    setup_editorial()
    User = get_user_model()
    for username, group_name, is_superuser in DEMO_USERS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"email": f"{username}@example.invalid", "first_name": username},
        )
        if created:
            user.set_password(DEMO_PASSWORD)
        user.is_superuser = user.is_staff = is_superuser
        user.save()
        if group_name:
            user.groups.add(Group.objects.get(name=group_name))
        # Set once, and for demo users made before these settings existed (they had no
        # language, so the Russian translator's admin opened in Kazakh); later, each
        # person's own choice in Account settings stands.
        profile = UserProfile.get_for_user(user)
        if created or (not profile.preferred_language and username in ADMIN_LANGUAGES):
            profile.preferred_language = ADMIN_LANGUAGES.get(username, "")
            profile.current_time_zone = "Asia/Almaty"
            profile.save()
    if stdout:
        names = ", ".join(
            f"{name} ({ADMIN_LANGUAGES.get(name, 'kk')})" for name, _, _ in DEMO_USERS
        )
        stdout.write(f"Demo users, admin language ({names}); development password: {DEMO_PASSWORD}")
