"""Alertes SMS: the campaign and reminder forms of a structure with 10,000 members (shared data set),
beside a floor (a plain Django form with the same fields and rows, rendered by ``{{ form }}`` in a bare
template), their size, their SQL queries against a structure of 100 members, and the pickers' JSON.

Bar of issue 16: at 10,000 members, each page within 3× its floor; the members are never in the page.
"""

import functools

from bench.harness import query_count, timed

GROUPS = ["Jeunesse", "RSA", "Culture", "Petite enfance", "Seniors", "Familles"]
FLOOR = "<form>{{ form }}</form>"


def _groups(structure):
    """Six groups, each with a sixth of the members (made once, on the first run)."""
    from alertes.models import Group, Member

    if Group.objects.filter(structure=structure).exists():
        return
    groups = Group.objects.bulk_create([Group(structure=structure, name=name) for name in GROUPS])
    through = Member.groups.through
    ids = Member.objects.filter(structure=structure).values_list("pk", flat=True)
    through.objects.bulk_create(
        [through(member_id=pk, group_id=groups[n % len(groups)].pk) for n, pk in enumerate(ids)], batch_size=2000
    )


@functools.cache
def _floor_class():
    """A plain form with the fields of both pages: groups as check boxes, the chosen member as a radio."""
    from django import forms

    from alertes.models import Group, Member

    class Floor(forms.Form):
        title = forms.CharField()
        text = forms.CharField(widget=forms.Textarea)
        groups = forms.ModelMultipleChoiceField(Group.objects.none(), widget=forms.CheckboxSelectMultiple)
        member = forms.ModelChoiceField(Member.objects.none(), widget=forms.RadioSelect)
        date = forms.DateField()
        scheduled_at = forms.DateTimeField()

        def __init__(self, structure, chosen):
            super().__init__(initial={"member": chosen})
            self.fields["groups"].queryset = Group.objects.filter(structure=structure)
            self.fields["member"].queryset = Member.objects.filter(pk=getattr(chosen, "pk", None))

    return Floor


def _floor(request, structure, member=None):
    from django.http import HttpResponse
    from django.template import engines

    context = {"form": _floor_class()(structure, member)}
    return HttpResponse(engines["django"].from_string(FLOOR).render(context, request=request))


def run(report):
    from django.test import Client, RequestFactory
    from django.urls import reverse

    from alertes.models import Group, Member, Reminder
    from bench import dataset

    data = dataset.get()
    structure = data.members_structure
    _groups(structure)
    client, small_client = Client(), Client()
    client.force_login(data.members_admin)
    small_client.force_login(data.small_members_admin)
    count = Member.objects.filter(structure=structure).count()
    member = Member.objects.filter(structure=structure).order_by("pk")[count // 2]
    reminder, _ = Reminder.objects.get_or_create(
        structure=structure, member=member, kind="document", defaults={"text": "Rappel", "date": "2030-01-01"}
    )
    pages = [
        ("formulaire de campagne", reverse("alertes:campaign_create"), None),
        ("formulaire de rappel (adhérent choisi)", reverse("alertes:reminder_edit", args=[reminder.pk]), member),
    ]
    factory = RequestFactory()
    for label, url, chosen in pages:
        seconds, response = timed(client.get, url, repeat=5)
        request = factory.get(url)
        request.user = data.members_admin
        floor, floor_response = timed(_floor, request, structure, chosen, repeat=5)
        report.row(
            f"{label}, {count} adhérents",
            seconds * 1000,
            "ms",
            baseline=floor * 1000,
            baseline_label="formulaire Django simple, mêmes champs et lignes",
            bar="≤ 3×",
        )
        report.row(f"{label} : poids de la page", len(response.content), "octets", bar="< 40000 octets")
    small_url = reverse("alertes:campaign_create")
    seconds, _ = timed(client.get, small_url, repeat=5)
    small, _ = timed(small_client.get, small_url, repeat=5)
    report.row(
        f"formulaire de campagne, {count} adhérents, rapporté à 100 adhérents",
        seconds * 1000,
        "ms",
        baseline=small * 1000,
        baseline_label="même page, 100 adhérents",
        bar="≤ 1,3×",
    )
    report.row(
        "formulaire de campagne : requêtes SQL",
        query_count(client, small_url),
        "requêtes",
        baseline=query_count(small_client, small_url),
        baseline_label="100 adhérents",
        bar="même nombre",
    )
    search = reverse("alertes:member_search")
    seconds, response = timed(client.get, search, {"q": "adherent042"}, repeat=5)
    assert response.status_code == 200 and len(response.json()["results"]) == 20, response.content[:200]
    report.row(f"recherche d'adhérents (JSON, 20 au plus), {count} adhérents", seconds * 1000, "ms", bar="< 100 ms")
    recipients = reverse("alertes:campaign_recipients")
    groups = list(Group.objects.filter(structure=structure).values_list("pk", flat=True))
    seconds, response = timed(client.get, recipients, {"groups": groups, "channel": "sms"}, repeat=3)
    assert response.json()["recipients"] > 0
    report.row(
        f"compteur : destinataires et prénoms (JSON), tous les groupes, {count} adhérents",
        seconds * 1000,
        "ms",
        bar="< 500 ms",
    )
