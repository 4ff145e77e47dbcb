"""The authentication backend reads what every admin request needs of its user at once, and grants
exactly what Django's own backend grants."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.users.models import UserProfile

from lab.infra.authentication import LabModelBackend, permission_names
from lab.models import Person
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def names_read_by_each_test():
    """Each test starts and ends without the process's table of permission names (a rolled-back test's
    permission ids may be reused by the next test's)."""
    permission_names.clear()
    yield
    permission_names.clear()


def fresh(user):
    return get_user_model().objects.get(pk=user.pk)


@pytest.fixture
def editor():
    user = UserFactory(username="editrice")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    group = Group.objects.create(name="Rédaction")
    group.permissions.add(Permission.objects.get(codename="add_person"))
    user.groups.add(group)
    return user


def test_the_users_own_and_group_permissions_are_read_in_one_query(editor, django_assert_num_queries):
    permission_names.all()  # the process's table of names, read once (as a web process's first request does)
    user = fresh(editor)
    with django_assert_num_queries(1):
        assert user.has_perm("wagtailadmin.access_admin")
        assert user.has_perm("lab.add_person")
        assert not user.has_perm("lab.delete_person")
        assert user.has_module_perms("lab") and not user.has_module_perms("alertes")
    assert user.get_all_permissions() == {"wagtailadmin.access_admin", "lab.add_person"}


def test_a_permission_held_twice_counts_once_and_an_inactive_user_has_none(editor):
    Group.objects.get(name="Rédaction").permissions.add(Permission.objects.get(codename="access_admin"))
    assert fresh(editor).get_all_permissions() == {"wagtailadmin.access_admin", "lab.add_person"}
    editor.is_active = False
    editor.save()
    assert fresh(editor).get_all_permissions() == set()
    assert LabModelBackend().get_user(editor.pk) is None


def test_a_superuser_has_every_permission_without_a_query(django_assert_num_queries):
    admin = fresh(UserFactory(username="administratrice", is_superuser=True))
    every = {
        f"{app_label}.{codename}"
        for app_label, codename in Permission.objects.values_list("content_type__app_label", "codename")
    }
    permission_names.all()
    with django_assert_num_queries(0):
        assert admin.get_all_permissions() == every


def test_a_permission_made_after_the_names_were_read_is_granted_by_its_own_name(editor):
    permission_names.all()
    content_type = ContentType.objects.get_for_model(Person)
    # Made by another process (no signal here): the id is unknown to this one's table, which reads it again.
    (made,) = Permission.objects.bulk_create([Permission(codename="certify_person", content_type=content_type)])
    if made.pk is None:  # (SQLite's bulk insert returns no ids before 3.35)
        made = Permission.objects.get(codename="certify_person")
    editor.user_permissions.add(made)
    assert fresh(editor).has_perm("lab.certify_person")
    # A permission renamed here (a migration's work) is known by its new name at once.
    made.codename = "certify_people"
    made.save()
    assert fresh(editor).get_all_permissions() == {
        "wagtailadmin.access_admin",
        "lab.add_person",
        "lab.certify_people",
    }


def test_the_user_comes_with_their_wagtail_profile(editor, django_assert_num_queries):
    UserProfile.objects.create(user=editor, preferred_language="fr", current_time_zone="Indian/Mayotte")
    user = LabModelBackend().get_user(editor.pk)
    with django_assert_num_queries(0):
        assert user.wagtail_userprofile.get_current_time_zone() == "Indian/Mayotte"
    without_profile = LabModelBackend().get_user(UserFactory(username="sans-profil").pk)
    with django_assert_num_queries(0):
        assert not hasattr(without_profile, "wagtail_userprofile")


def test_an_admin_request_reads_the_profile_with_the_user_and_the_permissions_once(editor, client):
    client.force_login(editor)
    client.get("/admin/banc-inexistant/")  # (warm: the admin's own caches)
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/admin/banc-inexistant/").status_code == 404  # behind the admin's access check
    tables = [query["sql"].split(" FROM ", 1)[1].split()[0] for query in queries.captured_queries]
    assert tables[:3] == ['"django_session"', '"auth_user"', '"auth_user_user_permissions"']
    assert '"wagtailusers_userprofile"' not in tables and '"auth_permission"' not in tables
