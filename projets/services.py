"""Business rules of the projets app: teams, stages, roadmaps, the pilot's dashboard, exports."""

from collections import Counter

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Value, prefetch_related_objects
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from lab.choices import PersonRole, TerritoryLevel
from lab.infra.antispam import rate_limited
from lab.infra.pdf import render_pdf
from lab.scope import VIEW, scope_for
from projets.choices import STAGE_RANK, ActionStatus, FollowUpKind, Priority, Stage
from projets.models import (
    Action,
    FollowUpEntry,
    Project,
    PrototypePage,
    Replication,
    Roadmap,
    StageChange,
)
from projets.models.projects import TEAM_MAX_SIZE
from projets.software import software_of, tool_links

# --- Project team ---------------------------------------------------------------------------------


def team_errors(structure, team, referent):
    """What is wrong with a project team, as (field, French message) pairs; empty when it is valid.

    A team holds 1 to 3 people of the structure, one of them an agent who is the referent.
    """
    team = list(team)
    errors = []
    if not team:
        errors.append(("team", _("Choisissez au moins une personne pour l'équipe projet.")))
    if len(team) > TEAM_MAX_SIZE:
        errors.append(
            (
                "team",
                _(
                    "Une équipe projet compte %(max)d personnes au plus : vous en avez choisi %(count)d, retirez-en %(extra)d."
                )
                % {"max": TEAM_MAX_SIZE, "count": len(team), "extra": len(team) - TEAM_MAX_SIZE},
            )
        )
    outsiders = [person for person in team if person.structure_id != structure.pk]
    if outsiders:
        errors.append(
            (
                "team",
                _("L'équipe projet ne compte que des personnes de « %(structure)s » : %(people)s n'en fait pas partie.")
                % {"structure": structure, "people": ", ".join(str(p) for p in outsiders)},
            )
        )
    if referent is None:
        if team:
            errors.append(("referent", _("Désignez un·e référent·e parmi l'équipe projet.")))
    elif referent not in team:
        errors.append(("referent", _("Le ou la référent·e doit faire partie de l'équipe projet.")))
    elif referent.role != PersonRole.AGENT:
        errors.append(
            (
                "referent",
                _("Le ou la référent·e doit être un·e agent de la structure : %(person)s est « %(role)s ».")
                % {"person": referent, "role": referent.get_role_display()},
            )
        )
    return errors


@transaction.atomic
def set_team(project, team, referent):
    """Give ``project`` this team and referent, or raise ValidationError with the French reasons."""
    errors = team_errors(project.structure, team, referent)
    if errors:
        raise ValidationError({field: [message for f, message in errors if f == field] for field, _m in errors})
    project.referent = referent
    project.save(update_fields=["referent", "updated_at"])
    project.team.set(team)


# --- Roadmaps -------------------------------------------------------------------------------------


def progress_percent(done, total):
    """Share of the actions done, over the actions not dropped, rounded (None without actions)."""
    if not total:
        return None
    return round(100 * done / total)


def roadmap_progress(roadmap):
    """Progress of a roadmap: {done, total, percent, overdue} (dropped actions do not count)."""
    counts = Action.objects.filter(axis__roadmap=roadmap).aggregate(
        done=Count("pk", filter=Q(status=ActionStatus.DONE)),
        total=Count("pk", filter=~Q(status=ActionStatus.DROPPED)),
        overdue=Count(
            "pk",
            filter=Q(due_date__lt=timezone.localdate()) & ~Q(status__in=[ActionStatus.DONE, ActionStatus.DROPPED]),
        ),
    )
    return {**counts, "percent": progress_percent(counts["done"], counts["total"])}


def roadmap_document(roadmap):
    """Everything the roadmap's PDF shows: axes in priority order with their actions, milestones."""
    roadmap = Roadmap.objects.select_related(
        "project__structure",
        "project__programme",
        "project__priority_theme",
        "project__secondary_theme",
        "project__referent",
    ).get(pk=roadmap.pk)
    axes = list(roadmap.axes.prefetch_related("actions__owner").order_by("sort_order", "pk"))
    return {
        "roadmap": roadmap,
        "project": roadmap.project,
        "team": list(roadmap.project.team.all()),
        "axes": axes,
        "milestones": list(roadmap.milestones.order_by("date")),
        "progress": roadmap_progress(roadmap),
        "today": timezone.localdate(),
    }


def roadmap_pdf(roadmap):
    """The roadmap as PDF bytes, with its programme's publicity block on every page."""
    data = roadmap_document(roadmap)
    return render_pdf(
        "projets/pdf/roadmap.html",
        data,
        programme=data["project"].programme,
        title=_("Feuille de route — %(structure)s") % {"structure": data["project"].structure.name},
    )


def roadmap_filename(roadmap):
    return f"feuille-de-route-{slugify(roadmap.project.structure.name)}.pdf"


# --- The pilot's dashboard ------------------------------------------------------------------------


def count_per_row(queryset, project_field):
    """A subquery counting the rows of ``queryset`` whose ``project_field`` is the outer row."""
    return Coalesce(
        Subquery(
            queryset.filter(**{project_field: OuterRef("pk")})
            .order_by()
            .values(project_field)
            .annotate(c=Count("pk"))
            .values("c")[:1],
            output_field=IntegerField(),
        ),
        Value(0),
    )


def dashboard_projects(user, *, programme=None, status="", theme=None, stage="", only_problems=False, only_late=False):
    """The pilot's table: each project the user may see, with stage, progress, last entry, problems.

    One query whatever the number of projects: every figure is a subquery of the row.
    """
    today = timezone.localdate()
    projects = scope_for(user).filter(Project.objects.all(), VIEW)
    if programme is not None:
        projects = projects.filter(programme=programme)
    if status:
        projects = projects.filter(status=status)
    if theme is not None:
        projects = projects.filter(Q(priority_theme=theme) | Q(secondary_theme=theme))
    actions = Action.objects.all()
    last_entry = FollowUpEntry.objects.filter(project=OuterRef("pk")).order_by("-date", "-pk")
    prototypes = PrototypePage.objects.filter(project=OuterRef("pk")).order_by("-pk")
    projects = projects.select_related(
        "structure", "programme", "priority_theme", "secondary_theme", "referent"
    ).annotate(
        actions_done=count_per_row(actions.filter(status=ActionStatus.DONE), "axis__roadmap__project"),
        actions_total=count_per_row(actions.exclude(status=ActionStatus.DROPPED), "axis__roadmap__project"),
        actions_late=count_per_row(actions.overdue(today), "axis__roadmap__project"),
        open_problems=count_per_row(FollowUpEntry.objects.open_problems(), "project"),
        due_reminders=count_per_row(FollowUpEntry.objects.due_reminders(today), "project"),
        last_entry_date=Subquery(last_entry.values("date")[:1]),
        last_entry_kind=Subquery(last_entry.values("kind")[:1]),
        last_entry_text=Subquery(last_entry.values("text")[:1]),
        prototype_title=Subquery(prototypes.values("title")[:1]),
        prototype_stage=Subquery(prototypes.values("stage")[:1]),
    )
    if stage:
        projects = projects.filter(prototype_stage=stage)
    if only_problems:
        projects = projects.filter(open_problems__gt=0)
    if only_late:
        projects = projects.filter(actions_late__gt=0)
    rows = list(projects.order_by("programme__title", "structure__name"))
    kinds = dict(FollowUpKind.choices)
    stages = dict(Stage.choices)
    for project in rows:
        project.progress = progress_percent(project.actions_done, project.actions_total)
        project.last_entry_kind_label = kinds.get(project.last_entry_kind, "")
        project.prototype_stage_label = stages.get(project.prototype_stage, "")
    return rows


def open_problems(user, *, programme=None):
    """Every open problem of the follow-up logs the user may see, oldest first."""
    entries = scope_for(user).filter(FollowUpEntry.objects.open_problems(), VIEW)
    if programme is not None:
        entries = entries.filter(project__programme=programme)
    return list(entries.select_related("project__structure", "project__programme", "author").order_by("date", "pk"))


# --- Prototype stages -----------------------------------------------------------------------------


def stage_change_error(from_stage, to_stage, reason):
    """The French reason a stage change is refused, or None when it is allowed."""
    if not from_stage or not to_stage or from_stage == to_stage:
        return None
    if STAGE_RANK[to_stage] < STAGE_RANK[from_stage] and not (reason or "").strip():
        return _(
            "Revenir du stade « %(from)s » au stade « %(to)s » est un retour en arrière : indiquez-en la raison."
        ) % {"from": Stage(from_stage).label, "to": Stage(to_stage).label}
    return None


def last_recorded_stage(page):
    change = page.stage_changes.order_by("-date", "-pk").first() if page.pk else None
    return change.to_stage if change else None


def record_stage_change(page, *, reason="", user=None, date=None):
    """Log the page's stage in its stage history if it differs from the last recorded one."""
    previous = last_recorded_stage(page)
    if previous == page.stage:
        return None
    return StageChange.objects.create(
        page=page,
        date=date or timezone.localdate(),
        from_stage=previous or "",
        to_stage=page.stage,
        reason=reason or "",
        user=user if user is not None and user.is_authenticated else None,
    )


@transaction.atomic
def change_stage(page, to_stage, *, reason="", user=None, date=None):
    """Move a prototype to ``to_stage``, logged with its date and reason.

    Going backwards without a reason raises ValidationError. The page keeps its publication state:
    a live page is republished with the new stage.
    """
    error = stage_change_error(page.stage, to_stage, reason)
    if error:
        raise ValidationError({"stage": error})
    if last_recorded_stage(page) is None:
        record_stage_change(page, user=user, date=page.first_published_at.date() if page.first_published_at else date)
    page.stage = to_stage
    revision = page.save_revision(user=user)
    if page.live:
        revision.publish(user=user)
    return record_stage_change(page, reason=reason, user=user, date=date)


# --- Replications ---------------------------------------------------------------------------------


def approved_replications(page):
    return list(
        page.replications.filter(is_approved=True)
        .select_related("structure__territory__parent", "territory__parent")
        .order_by("structure__name", "structure_name")
    )


def replications_by_territory(replications):
    """[(territory name, count)] of approved replications, the biggest first."""
    counter = Counter()
    for replication in replications:
        territory = replication.territory or (replication.structure.territory if replication.structure_id else None)
        if territory is not None and territory.level == TerritoryLevel.QUARTIER and territory.parent_id:
            territory = territory.parent  # count per commune, not per neighbourhood
        counter[territory.name if territory else (replication.display_city or _("Territoire non précisé"))] += 1
    return sorted(counter.items(), key=lambda item: (-item[1], item[0]))


def replication_rate_limited(ip_address):
    """Whether this address already sent as many public requests as allowed this hour (and count it)."""
    return rate_limited("projets:replication", ip_address, settings.PROJETS_REPLICATION_RATE_PER_HOUR)


def create_replication_request(page, cleaned_data):
    """Store a public « nous voulons essaimer » request, unapproved until moderation."""
    replication = Replication(
        prototype=page,
        structure_name=cleaned_data["structure_name"].strip(),
        city=cleaned_data["city"].strip(),
        contact_name=cleaned_data["contact_name"].strip(),
        email=cleaned_data["email"],
        message=cleaned_data.get("message", "").strip(),
        is_approved=False,
        from_public_form=True,
    )
    replication.full_clean()
    replication.save()
    return replication


def prototype_page_context(page):
    """What the public prototype page shows besides its fields: stage history, timeline, replications."""
    replications = approved_replications(page)
    # The mock-up images, then the renditions of every image shown: as many queries for one as for ten.
    iterations = sorted(page.iterations.all(), key=lambda it: (it.number, it.date))
    prefetch_related_objects([it for it in iterations if it.mockup_image_id], "mockup_image")
    images = [it.mockup_image for it in iterations if it.mockup_image_id]
    images += [block.value["image"] for block in page.media if block.block_type == "image" and block.value["image"]]
    prefetch_related_objects(images, "renditions")
    return {
        "stage_history": list(page.stage_changes.order_by("date", "pk")),
        "timeline": iterations,
        "replications": replications,
        "replications_by_territory": replications_by_territory(replications),
        "prototype_themes": list(page.themes.all()),
        "prototype_tags": list(page.tags.all()),
        "export_urls": {
            name: page.export_url(name)
            for name in ("prototype_markdown", "specification_markdown", "specification_pdf", "economic_note_pdf")
        },
        "has_economic_note": hasattr(page, "economic_note"),
        "software_links": software.links() if (software := software_of(page)) else None,
        "tool_links": tool_links(page),
    }


# --- Exports --------------------------------------------------------------------------------------


def _specification_data(page):
    functions = list(page.spec_functions.all())
    by_priority = {value: [] for value in Priority.values}
    for function in functions:
        by_priority[function.priority].append(function)
    return {
        "page": page,
        "sections": [
            (_("Contexte"), page.spec_context),
            (_("Utilisateurs"), page.spec_users),
        ],
        "functions": functions,
        "functions_by_priority": [(Priority(value).label, items) for value, items in by_priority.items() if items],
        "after_sections": [
            (_("Contraintes"), page.spec_constraints),
            (_("Données"), page.spec_data),
            (_("Accessibilité"), page.spec_accessibility),
            (_("Hébergement"), page.spec_hosting),
            (_("Budget"), page.spec_budget),
        ],
    }


def specification_markdown(page):
    """The specification (cahier des charges) as Markdown, for a developer or another wiki."""
    return render_to_string("projets/markdown/specification.md", _specification_data(page)).strip() + "\n"


def specification_pdf(page):
    return render_pdf(
        "projets/pdf/specification.html",
        _specification_data(page),
        programme=page.programme,
        title=_("Cahier des charges — %(title)s") % {"title": page.title},
    )


def prototype_markdown(page):
    """The whole fiche as Markdown: fields, stage history, iterations, specification and licence."""
    context = {
        **prototype_page_context(page),
        **_specification_data(page),
        "page": page,
        "url": page.full_url or "",
    }
    return render_to_string("projets/markdown/prototype.md", context).strip() + "\n"
