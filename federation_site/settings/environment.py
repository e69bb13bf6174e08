"""Reading production settings from the environment, strictly.

Every problem is collected and reported at once (`EnvironmentReader.check()`), so an operator
fixes the environment in one go instead of one error per restart.
"""

import os

from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off"}
# Keys that appear in this repository, its documentation or Django's templates.
KNOWN_KEYS_PREFIXES = ("django-insecure-", "dev-only-", "test-only-", "change-me", "changeme")
MIN_SECRET_KEY_LENGTH = 50
MIN_SECRET_KEY_UNIQUE_CHARACTERS = 5


class EnvironmentReader:
    def __init__(self, environ=None):
        self.environ = os.environ if environ is None else environ
        self.problems = []

    def problem(self, message):
        self.problems.append(message)

    def string(self, name, default=""):
        return self.environ.get(name, default).strip()

    def required(self, name, why):
        value = self.string(name)
        if not value:
            self.problem(f"{name} must be set ({why}).")
        return value

    def boolean(self, name, default):
        raw = self.environ.get(name)
        if raw is None or not raw.strip():
            return default
        word = raw.strip().lower()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
        self.problem(
            f"{name}={raw!r} is not a yes/no value: use one of 1/true/yes/on or 0/false/no/off."
        )
        return default

    def integer(self, name, default, minimum=0):
        raw = self.string(name)
        if not raw:
            return default
        try:
            value = int(raw)
        except ValueError:
            self.problem(f"{name}={raw!r} is not a whole number.")
            return default
        if value < minimum:
            self.problem(f"{name}={value} is below its minimum {minimum}.")
            return default
        return value

    def items(self, name):
        return [item.strip() for item in self.string(name).split(",") if item.strip()]

    def secret_key(self, name="SECRET_KEY"):
        key = self.environ.get(name, "")
        if not key:
            self.problem(
                f"{name} must be set (a long random string, e.g. from `openssl rand -base64 60`)."
            )
        elif len(key) < MIN_SECRET_KEY_LENGTH or len(set(key)) < MIN_SECRET_KEY_UNIQUE_CHARACTERS:
            self.problem(
                f"{name} is too weak: use at least {MIN_SECRET_KEY_LENGTH} random characters "
                f"(it has {len(key)})."
            )
        elif key.lower().startswith(KNOWN_KEYS_PREFIXES):
            self.problem(f"{name} is a development or example key: generate a new one.")
        return key

    def check(self):
        if self.problems:
            listing = "\n".join(f"  - {problem}" for problem in self.problems)
            raise ImproperlyConfigured(
                "Production settings refuse to start; fix the environment:\n" + listing
            )
