"""Builders of the core's pages and accounts, shared by the demo, the bench and the tests.

Plain functions: each makes one object the way the site expects it (a page added under its parent
and published with a first revision, a user with a hashed password). The demo loaders look objects
up by a natural key before calling them; the tests' factories wrap them with their own defaults.

The home page type belongs to ``home``, a higher layer: ``home`` registers its builder here in its
``AppConfig.ready()`` (`register_home_page`), and the core's demo asks for it through `home_page`.
"""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from wagtail.models import Page

from lab.models import ProgrammePage

_home_page_builder = None


def ensure_wagtail_base():
    """Wagtail's base rows (locale, root collection, root page) that its migrations create and a
    transactional test's flush removes: recreated when missing, so test order does not matter."""
    from wagtail.models import Collection, Locale

    locale, _created = Locale.objects.get_or_create(language_code="fr")
    if not Collection.objects.exists():
        Collection.add_root(name="Root")
    if not Page.objects.exists():
        Page.add_root(instance=Page(title="Root", slug="root", locale=locale))


def register_home_page(builder):
    """Register the function that returns the site's home page (``home.builders.home_page``)."""
    global _home_page_builder  # noqa: PLW0603 - filled once, from HomeConfig.ready()
    _home_page_builder = builder


def home_page(**options):
    """The site's home page, through the builder the ``home`` app registered (created when missing)."""
    if _home_page_builder is None:
        raise LookupError("No home page builder: is the « home » app installed?")
    return _home_page_builder(**options)


def add_page(parent, page, *, publish=True, user=None):
    """Add ``page`` under ``parent`` and, unless ``publish`` is false, publish its first revision
    (recorded as made by ``user``)."""
    parent.add_child(instance=page)
    if publish:
        page.save_revision(user=user).publish(user=user)
    return page


def add_programme(parent, title="Programme test", *, publish=True, **fields):
    """A programme page under ``parent`` (the home page), published unless ``publish`` is false.

    Fields left out get defaults fit for tests and benches: a short name cut from the title, the
    year 2021 and a FEDER publicity sentence. Child relations (``funders``, ``logos``) and
    ``themes``/``territories`` may be given as lists: they are saved with the page.
    """
    fields.setdefault("short_name", title[:40])
    fields.setdefault("start_date", datetime.date(2021, 1, 1))
    fields.setdefault("end_date", datetime.date(2021, 12, 31))
    fields.setdefault("publicity_sentence", f"L'opération « {title} » est cofinancée par l'Union européenne (FEDER).")
    return add_page(parent, ProgrammePage(title=title, **fields), publish=publish)


def add_user(username, *, password=None, **fields):
    """The user ``username`` (looked up first), with the e-mail ``<username>@exemple.invalid`` and
    ``password`` hashed (none: an unusable password); other ``fields`` apply on creation only."""
    fields.setdefault("email", f"{username}@exemple.invalid")
    user, _created = get_user_model().objects.get_or_create(
        username=username, defaults={"password": make_password(password), **fields}
    )
    return user
