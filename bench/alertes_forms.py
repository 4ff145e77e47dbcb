"""Alertes SMS: the campaign and reminder forms of a structure with 10,000 members (shared data set),
beside a floor: a plain Django view, behind the same middleware stack (``harness.floor_urls``), that
renders a form with the same fields and rows by ``{{ form }}`` in a bare template. Their size, their SQL queries against a structure of 100 members, and the pickers' JSON.

Bar of issue 16: at 10,000 members, each page within 3× its floor; the members are never in the page.
"""

import functools

from bench.harness import floor_urls, query_count, timed

#: Best of this many requests (the machine is shared: the best is the least disturbed).
REPEAT = 15
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


#: The floor's template: the form as Django renders it by itself, nothing around it.
FLOOR = """<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Plancher</title></head><body>
<form method="post">{% csrf_token %}{{ form }}<button type="submit">Continuer</button></form></body></html>"""


@functools.cache
def _floor_forms():
    """Plain Django forms with the fields of each page, in Django's own widgets: the campaign's
    groups as check boxes and its chosen members (none yet) under a search box; the reminder's
    chosen member as a radio under a search box."""
    from django import forms

    from alertes.choices import CampaignCategory, Channel, Recurrence, ReminderKind
    from alertes.models import Group, Member

    class CampaignFloor(forms.Form):
        title = forms.CharField(max_length=150)
        category = forms.ChoiceField(choices=CampaignCategory.choices)
        text = forms.CharField(widget=forms.Textarea(attrs={"rows": 5}))
        channel = forms.ChoiceField(choices=Channel.choices)
        groups = forms.ModelMultipleChoiceField(Group.objects.none(), widget=forms.CheckboxSelectMultiple)
        search = forms.CharField(required=False, max_length=100)
        members = forms.ModelMultipleChoiceField(
            Member.objects.none(), widget=forms.CheckboxSelectMultiple, required=False
        )
        send_mode = forms.ChoiceField(choices=[("now", "Maintenant"), ("later", "Plus tard")], widget=forms.RadioSelect)
        scheduled_at = forms.DateTimeField(required=False)

        def __init__(self, structure_id):
            super().__init__(initial={"send_mode": "now"})
            self.fields["groups"].queryset = Group.objects.filter(structure_id=structure_id).order_by("name")

    class ReminderFloor(forms.Form):
        search = forms.CharField(required=False, max_length=100)
        member = forms.ModelChoiceField(Member.objects.none(), widget=forms.RadioSelect)
        kind = forms.ChoiceField(choices=ReminderKind.choices)
        text = forms.CharField(widget=forms.Textarea, required=False)
        date = forms.DateField()
        recurrence = forms.ChoiceField(choices=Recurrence.choices)
        lead_days = forms.IntegerField()
        active = forms.BooleanField(required=False)

        def __init__(self, reminder):
            initial = {f: getattr(reminder, f) for f in ("kind", "text", "date", "recurrence", "lead_days", "active")}
            super().__init__(initial={**initial, "member": reminder.member_id})
            self.fields["member"].queryset = Member.objects.filter(pk=reminder.member_id)

    return CampaignFloor, ReminderFloor


@functools.cache
def _floor_template():
    from django.template import engines

    return engines["django"].from_string(FLOOR)


def _structure_id(request):
    from lab.models import StructureMembership

    return StructureMembership.objects.filter(user=request.user).values_list("structure_id", flat=True).first()


def campaign_floor(request):
    """A plain Django view of the campaign form: the user's structure, its groups, the form."""
    from django.http import HttpResponse

    form = _floor_forms()[0](_structure_id(request))
    return HttpResponse(_floor_template().render({"form": form}, request=request))


def reminder_floor(request, pk):
    """A plain Django view of a reminder's form: the reminder (of the user's structure), the form."""
    from django.http import HttpResponse
    from django.shortcuts import get_object_or_404

    from alertes.models import Reminder

    reminder = get_object_or_404(Reminder, pk=pk, structure_id=_structure_id(request))
    form = _floor_forms()[1](reminder)
    return HttpResponse(_floor_template().render({"form": form}, request=request))


def floor_patterns():
    from django.contrib.auth.decorators import login_required
    from django.urls import path

    return [
        path("alertes/plancher-de-banc/campagne/", login_required(campaign_floor)),
        path("alertes/plancher-de-banc/rappel/<int:pk>/", login_required(reminder_floor)),
    ]


def run(report):
    from django.test import Client
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
        ("formulaire de campagne", reverse("alertes:campaign_create"), "/alertes/plancher-de-banc/campagne/"),
        (
            "formulaire de rappel (adhérent choisi)",
            reverse("alertes:reminder_edit", args=[reminder.pk]),
            f"/alertes/plancher-de-banc/rappel/{reminder.pk}/",
        ),
    ]
    with floor_urls(*floor_patterns()):
        for label, url, floor_url in pages:
            client.get(url), client.get(floor_url)  # warm: templates compiled, caches filled
            seconds, response = timed(client.get, url, repeat=REPEAT)
            floor, floor_response = timed(client.get, floor_url, repeat=REPEAT)
            assert response.status_code == floor_response.status_code == 200, (url, floor_url)
            report.row(
                f"{label}, {count} adhérents",
                seconds * 1000,
                "ms",
                baseline=floor * 1000,
                baseline_label="vue Django simple, mêmes champs et lignes, mêmes middlewares",
                bar="≤ 3×",
            )
            report.row(f"{label} : poids de la page", len(response.content), "octets", bar="< 40000 octets")
    small_url = reverse("alertes:campaign_create")
    small_client.get(small_url)
    seconds, _ = timed(client.get, small_url, repeat=REPEAT)
    small, _ = timed(small_client.get, small_url, repeat=REPEAT)
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
