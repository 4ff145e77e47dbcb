"""The public commons at /commun/: full-text search with combinable filters and counts per filter."""

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from taggit.models import Tag
from wagtail.search.backends import get_search_backend

from home.facets import RegisteredChoices
from home.models import CommonsEntry, CommonsKind
from lab.choices import Licence
from lab.models import ProgrammePage, Territory, Theme

PAGE_SIZE = 20
MAX_QUERY_LENGTH = 200


class Facet:
    """One filter of the index: its URL parameter, how a value filters, how its counts are read."""

    def __init__(self, param, label, field, label_field=None, value_field=None):
        self.param = param
        self.label = label
        self.field = field
        self.label_field = label_field
        self.value_field = value_field or field

    def resolve(self, value):
        """The Q object selecting ``value``, or None when the value does not exist."""
        raise NotImplementedError

    def counts(self, queryset):
        fields = [self.value_field] + ([self.label_field] if self.label_field else [])
        rows = (
            queryset.exclude(**{f"{self.value_field}__isnull": True})
            .exclude(**{self.value_field: ""})
            .values(*fields)
            .annotate(count=Count("pk", distinct=True))
            .order_by("-count", *fields)
        )
        return [{"value": row[self.value_field], "label": self.display(row), "count": row["count"]} for row in rows]

    def display(self, row):
        return row[self.label_field] if self.label_field else row[self.value_field]


class ChoiceFacet(Facet):
    def __init__(self, param, label, field, choices):
        super().__init__(param, label, field)
        self._choices = choices

    @property
    def choices(self):
        """Read when used: an app registers the values of its facet after this module is imported."""
        return dict(self._choices)

    def resolve(self, value):
        return Q(**{self.field: value}) if value in self.choices else None

    def display(self, row):
        return self.choices.get(row[self.field], row[self.field])


class SlugFacet(Facet):
    def __init__(self, param, label, field, queryset):
        super().__init__(
            param, label, field, label_field=f"{field}__{self.name_field(queryset)}", value_field=f"{field}__slug"
        )
        self.queryset = queryset

    @staticmethod
    def name_field(queryset):
        return "title" if queryset.model is ProgrammePage else "name"

    def resolve(self, value):
        obj = self.queryset.filter(slug=value).first()
        if obj is None:
            return None
        return self.q_for(obj)

    def q_for(self, obj):
        return Q(**{self.field: obj})


class TerritoryFacet(SlugFacet):
    def q_for(self, obj):
        """A territory selects the resources of every territory below it too."""
        return Q(territory__in=Territory.objects.filter(pk=obj.pk).with_descendants())


FACETS = [
    TerritoryFacet("territoire", gettext_lazy("Territoire"), "territory", Territory.objects.all()),
    SlugFacet("thematique", gettext_lazy("Thématique"), "themes", Theme.objects.all()),
    ChoiceFacet("stade", gettext_lazy("Stade"), "stage", RegisteredChoices("stage")),
    ChoiceFacet("type", gettext_lazy("Type de ressource"), "kind", CommonsKind.choices),
    SlugFacet("programme", gettext_lazy("Programme"), "programme", ProgrammePage.objects.live()),
    SlugFacet("mot-cle", gettext_lazy("Mot-clé"), "tags", Tag.objects.all()),
    ChoiceFacet("licence", gettext_lazy("Licence"), "licence", Licence.choices),
]
SORTS = {"pertinence": gettext_lazy("Pertinence"), "date": gettext_lazy("Date de publication")}


def _page_number(request):
    raw = request.GET.get("page", "1")
    try:
        return int(raw), False
    except ValueError:
        return 1, bool(raw)


def commons_index(request):
    """Every published resource; search, filters that combine, counts per filter, shareable URLs."""
    notices = []
    query = request.GET.get("q", "").strip()
    if len(query) > MAX_QUERY_LENGTH:
        notices.append(_("Votre recherche était trop longue : seuls ses 200 premiers caractères ont été utilisés."))
        query = query[:MAX_QUERY_LENGTH]

    active = {}
    for facet in FACETS:
        value = request.GET.get(facet.param, "").strip()
        if not value:
            continue
        q = facet.resolve(value)
        if q is None:
            notices.append(
                _("Le filtre « %(label)s » n'a pas de valeur « %(value)s » : il a été ignoré.")
                % {"label": facet.label, "value": value[:60]}
            )
            continue
        active[facet.param] = (value, q)

    entries = CommonsEntry.objects.all()
    ranked_ids = None
    if query:
        ranked_ids = [entry.pk for entry in get_search_backend().search(query, CommonsEntry, operator="and")]
        entries = entries.filter(pk__in=ranked_ids)

    def filtered(excluding=None):
        queryset = entries
        for param, (_value, q) in active.items():
            if param != excluding:
                queryset = queryset.filter(q)
        return queryset

    matched = filtered()
    facets = [
        {
            "param": facet.param,
            "label": facet.label,
            "selected": active.get(facet.param, ("",))[0],
            "options": facet.counts(filtered(excluding=facet.param)),
        }
        for facet in FACETS
    ]

    sort = request.GET.get("tri", "pertinence" if query else "date")
    if sort not in SORTS:
        sort = "pertinence" if query else "date"
    if query and sort == "pertinence":
        allowed = set(matched.values_list("pk", flat=True))
        ordered = [pk for pk in ranked_ids if pk in allowed]
    else:
        ordered = list(matched.order_by("-published_at", "pk").values_list("pk", flat=True))

    paginator = Paginator(ordered, PAGE_SIZE)
    number, unreadable = _page_number(request)
    if unreadable or number < 1 or (paginator.count and number > paginator.num_pages):
        notices.append(_("Cette page de résultats n'existe pas : voici la plus proche."))
    page = paginator.get_page(number)
    by_pk = CommonsEntry.objects.select_related("programme", "territory").in_bulk(list(page.object_list))
    results = [by_pk[pk] for pk in page.object_list if pk in by_pk]

    return render(
        request,
        "home/commons_index.html",
        {
            "query": query,
            "facets": facets,
            "results": results,
            "page_obj": page,
            "total": paginator.count,
            "sort": sort,
            "sorts": SORTS,
            "notices": notices,
            "has_filters": bool(active) or bool(query),
        },
    )
