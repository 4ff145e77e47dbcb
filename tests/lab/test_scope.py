"""Each role reaches what it must and nothing else: 404 for another structure's object, 403 for read-only."""

import pytest
from django.core.exceptions import EmptyResultSet
from django.urls import reverse

from lab.models import Person, Structure
from lab.scope import CHANGE, VIEW, Scope, scope_for

pytestmark = pytest.mark.django_db


def refused(response):
    """Wagtail answers a PermissionDenied with a redirect to the dashboard and an error message."""
    return response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")


def url(model, action, obj=None):
    name = f"wagtailsnippets_lab_{model._meta.model_name}:{action}"
    return reverse(name, args=[obj.pk]) if obj else reverse(name)


def test_a_structure_team_sees_only_its_structure(world):
    for user in (world.owner, world.colleague, world.animateur):
        scope = scope_for(user)
        assert list(scope.filter(Person.objects.all())) == [world.person_a]
        assert list(scope.filter(Structure.objects.all())) == [world.structure_a]


def test_only_admins_and_team_change_their_structure(world):
    assert scope_for(world.owner).can(CHANGE, world.person_a)
    assert scope_for(world.colleague).can(CHANGE, world.person_a)
    assert not scope_for(world.animateur).can(CHANGE, world.person_a)
    assert not scope_for(world.outsider).can(VIEW, world.person_a)


def test_a_coordinator_reaches_the_structures_of_their_programme_only(world):
    scope = scope_for(world.coordinator)
    assert scope.can(CHANGE, world.person_a)
    assert not scope.can(VIEW, world.person_b)
    assert list(scope.filter(Structure.objects.all())) == [world.structure_a]


def test_a_funder_reads_their_programme_but_changes_nothing(world):
    scope = scope_for(world.funder)
    assert scope.can(VIEW, world.person_a)
    assert not scope.can(CHANGE, world.person_a)
    assert not scope.can(VIEW, world.person_b)


def test_an_anonymous_user_reaches_nothing(world):
    from django.contrib.auth.models import AnonymousUser

    assert not scope_for(AnonymousUser()).filter(Person.objects.all()).exists()


def test_a_structure_in_two_programmes_is_listed_once(world):
    world.structure_a.programmes.add(world.programme_b)
    world.coordinator.programme_roles.create(programme=world.programme_b, role="coordinator")
    assert scope_for(world.coordinator).filter(Structure.objects.all()).count() == 2


class TestAdminViews:
    def test_the_admin_list_shows_only_the_users_people(self, world, login):
        response = login(world.owner).get(url(Person, "list"))
        assert response.status_code == 200
        assert "Alice" in response.content.decode()
        assert "Bruno" not in response.content.decode()

    def test_it_lets_a_colleague_edit_their_structures_person(self, world, login):
        client = login(world.colleague)
        response = client.post(
            url(Person, "edit", world.person_a),
            {
                "first_name": "Alice",
                "last_name": "Modifiée",
                "structure": world.structure_a.pk,
                "role": "agent",
                "gender": "",
            },
        )
        assert response.status_code == 302
        world.person_a.refresh_from_db()
        assert world.person_a.last_name == "Modifiée"

    @pytest.mark.parametrize("action", ["edit", "delete", "inspect", "history"])
    def test_it_refuses_another_structures_person(self, world, login, action):
        response = login(world.outsider).get(url(Person, action, world.person_a))
        assert response.status_code == 404

    def test_it_refuses_a_forged_structure_in_the_form(self, world, login):
        response = login(world.owner).post(
            url(Person, "add"),
            {
                "first_name": "Intrus",
                "last_name": "Exemple",
                "structure": world.structure_b.pk,
                "role": "agent",
                "gender": "",
            },
        )
        assert response.status_code == 200
        assert "Sélectionnez un choix valide" in response.content.decode()
        assert not Person.objects.filter(first_name="Intrus").exists()

    def test_a_funder_can_inspect_but_not_edit(self, world, login):
        client = login(world.funder)
        assert client.get(url(Person, "inspect", world.person_a)).status_code == 200
        assert refused(client.get(url(Person, "edit", world.person_a)))
        assert client.get(url(Person, "edit", world.person_b)).status_code == 404

    def test_a_team_member_cannot_create_a_structure(self, world, login):
        assert refused(login(world.colleague).get(url(Structure, "add")))

    def test_it_refuses_reference_data_changes_to_non_admins(self, world, login):
        from lab.models import Theme

        theme = Theme.objects.create(name="Insertion")
        client = login(world.coordinator)
        assert client.get(url(Theme, "list")).status_code == 200
        assert refused(client.get(url(Theme, "edit", theme)))

    def test_a_user_with_a_role_reaches_the_admin(self, world, login):
        assert login(world.owner).get(reverse("wagtailadmin_home")).status_code == 200

    def test_a_user_without_role_is_refused_the_admin(self, db, login):
        from tests.factories import UserFactory

        response = login(UserFactory(username="nobody")).get(reverse("wagtailadmin_home"))
        assert response.status_code == 302

    def test_the_admin_sees_everything(self, world, login):
        content = login(world.admin).get(url(Person, "list")).content.decode()
        assert "Alice" in content and "Bruno" in content


def test_a_coordinator_may_edit_their_programme_page_only(world, login):
    client = login(world.coordinator)
    assert client.get(reverse("wagtailadmin_pages:edit", args=[world.programme_a.pk])).status_code == 200
    assert refused(client.get(reverse("wagtailadmin_pages:edit", args=[world.programme_b.pk])))


def test_losing_a_role_removes_the_page_permission(world, login):
    world.coordinator.programme_roles.all().delete()
    response = login(world.coordinator).get(reverse("wagtailadmin_pages:edit", args=[world.programme_a.pk]))
    # With no role left, the admin itself is closed: back to the login page.
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))
    assert not world.coordinator.groups.exists()


def test_content_under_a_programme_ends_with_the_funders_approval(world):
    from wagtail.models import Page

    from lab.validation import programme_workflow

    workflow = programme_workflow(world.programme_a)
    page = world.programme_a.add_child(instance=Page(title="Compte-rendu à valider", slug="cr", live=False))
    assert page.get_workflow() == workflow
    last_task = workflow.workflow_tasks.order_by("sort_order").last().task.specific
    assert world.funder in last_task.groups.get().user_set.all()
    page.save_revision(user=world.coordinator)
    state = workflow.start(page, world.coordinator)
    assert state.current_task_state.task.specific.groups.get().user_set.filter(pk=world.coordinator.pk).exists()


def test_a_row_reached_through_two_programmes_is_listed_once(world):
    from lab.choices import ProgrammeRoleKind
    from lab.models import ProgrammeRole

    world.structure_a.programmes.add(world.programme_b)
    ProgrammeRole.objects.create(
        user=world.coordinator, programme=world.programme_b, role=ProgrammeRoleKind.COORDINATOR
    )
    scope = scope_for(world.coordinator)
    # Person's rule goes through the structure's programmes (many-to-many): a subquery, no duplicate.
    reached = scope.filter(Person.objects.all())
    assert reached.count() == 2 and set(reached) == {world.person_a, world.person_b}
    assert "IN (SELECT" in str(reached.query)


def test_a_rule_over_foreign_keys_only_filters_without_a_subquery(world):
    # The structure team's part of Person's rule is its « structure » foreign key: a plain WHERE.
    visible = scope_for(world.owner).filter(Person.objects.all())
    assert list(visible) == [world.person_a]
    assert "SELECT" not in str(visible.query).split("WHERE", 1)[1]


@pytest.mark.parametrize("username", ["owner", "animateur", "outsider", "coordinator", "funder", "admin"])
@pytest.mark.parametrize("action", [VIEW, CHANGE])
def test_the_roles_as_subqueries_reach_the_same_rows_in_one_query(world, username, action, django_assert_num_queries):
    from lab.models import ProgrammePage

    world.structure_a.programmes.add(world.programme_a)
    user = getattr(world, username)
    for model in (Person, Structure, ProgrammePage):
        expected = set(Scope(user).filter(model.objects.all(), action))
        with django_assert_num_queries(1):
            assert set(Scope(user).filter(model.objects.all(), action, in_sql=True)) == expected


@pytest.mark.parametrize("username", ["owner", "outsider", "coordinator", "funder", "admin"])
@pytest.mark.parametrize("action", [VIEW, CHANGE])
@pytest.mark.parametrize("in_sql", [False, True])
def test_narrowing_by_a_foreign_key_follows_the_related_rule_and_reaches_the_same_rows(world, username, action, in_sql):
    from lab.models import ProgrammePage, ProgrammeRole

    user = getattr(world, username)
    reachable = Scope(user).filter(ProgrammePage.objects.all(), action)
    expected = set(ProgrammeRole.objects.filter(programme__in=reachable))
    narrowed = Scope(user).narrow(ProgrammeRole.objects.all(), action, in_sql=in_sql, programme=ProgrammePage)
    assert set(narrowed) == expected
    # The programme page's rule (its own key) is followed through the foreign key: no subquery over
    # the pages themselves (a query known to be empty has no SQL at all).
    try:
        assert 'FROM "lab_programmepage"' not in str(narrowed.query)
    except EmptyResultSet:
        assert not expected


def test_narrowing_leaves_nothing_to_someone_without_a_role(world):
    from lab.models import ProgrammePage, ProgrammeRole

    assert ProgrammeRole.objects.exists()
    for in_sql in (False, True):
        assert not Scope(world.outsider).narrow(
            ProgrammeRole.objects.all(), CHANGE, in_sql=in_sql, programme=ProgrammePage
        )
