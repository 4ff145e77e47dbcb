"""The public commons at /commun/: full-text search with combinable filters and counts per filter."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Count, Exists, OuterRef, Value
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.search.backends import get_search_backend

from home import facet_counts
from home.facets import RegisteredChoices
from home.filters import CommonsFilterSet
from home.models import CommonsEntry, CommonsKind
from home.territory_facet import tree_counts, tree_options
from home.vocabulary import suggestion
from lab.choices import Licence

PAGE_SIZE = 20
MAX_QUERY_LENGTH = 200


class Facet:
    """One filter of the index: its URL parameter, and how its counts are read (``home.filters``
    reads and applies its values)."""

    #: Whether a resource can have several values (themes, tags): such a facet is counted on its own.
    many = False

    @property
    def groupable(self):
        """Whether its counts can be read by the one query grouped on every single-valued facet."""
        return not self.many

    def __init__(self, param, label, field, label_field=None, value_field=None):
        self.param = param
        self.label = label
        self.field = field
        self.label_field = label_field
        self.value_field = value_field or field

    def counts(self, queryset):
        """A single-valued facet's options when it is filtered on (many-valued: ``many_valued_counts``)."""
        fields = [self.value_field] + ([self.label_field] if self.label_field else [])
        # « > '' » leaves out NULL and the empty value in one join; two exclude() on a many-to-many
        # field (themes, tags) were two NOT IN subqueries over every resource (bench/commons.py).
        rows = (
            queryset.filter(**{f"{self.value_field}__gt": ""})
            .values(*fields)
            .annotate(count=Count("pk", distinct=True))
            .order_by("-count", *fields)
        )
        return [{"value": row[self.value_field], "label": self.display(row), "count": row["count"]} for row in rows]

    def link_rows(self, queryset):
        """A many-valued facet counted on its link table (one row per resource and value, so no
        DISTINCT), joined to the resources only when other filters narrow them: unordered
        ``(value, label, count)`` rows."""
        field = queryset.model._meta.get_field(self.field)
        source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
        links = field.remote_field.through.objects.all()
        if queryset.query.has_filters():
            # EXISTS per link row, not « IN (the matched resources) »: SQLite would list every matched
            # resource first (1.5 ms at 5,000 resources, 0.02 ms this way; PostgreSQL semi-joins both).
            links = links.filter(Exists(queryset.filter(pk=OuterRef(source))))
        value, label = (name.replace(self.field, target, 1) for name in (self.value_field, self.label_field))
        return links.filter(**{f"{value}__gt": ""}).values_list(value, label).annotate(count=Count(source)).order_by()

    def display(self, row):
        return row[self.label_field] if self.label_field else row[self.value_field]

    @property
    def fields(self):
        return [self.value_field] + ([self.label_field] if self.label_field else [])

    def from_rows(self, rows):
        """The counts out of rows grouped on several single-valued facets at once (``grouped_counts``):
        each resource is in exactly one row, so a value's count is the sum of its rows'."""
        totals = {}
        for row in rows:
            if not row[self.value_field]:  # NULL or empty: no option
                continue
            key = tuple(row[name] for name in self.fields)
            totals[key] = totals.get(key, 0) + row["count"]
        return [
            {"value": key[0], "label": self.display(dict(zip(self.fields, key, strict=True))), "count": count}
            for key, count in sorted(totals.items(), key=lambda item: (-item[1], *item[0]))
        ]


class ChoiceFacet(Facet):
    def __init__(self, param, label, field, choices):
        super().__init__(param, label, field)
        self._choices = choices

    @property
    def choices(self):
        """Read when used: an app registers the values of its facet after this module is imported."""
        return dict(self._choices)

    def display(self, row):
        return self.choices.get(row[self.field], row[self.field])

    def from_stored(self, rows):
        """The options out of ``home.facet_counts`` rows (``value``, ``count``)."""
        return by_count(
            [
                {"value": row["value"], "label": self.display({self.field: row["value"]}), "count": row["count"]}
                for row in rows
            ]
        )


class TerritoryFacet(Facet):
    """The territories as a tree whose parents count the resources of their children (``home.territory_facet``).

    A resource has one territory: the counts of each territory itself come from the grouped query,
    then every parent adds those of its children."""

    def counts(self, queryset):
        return tree_counts(queryset)

    def from_rows(self, rows):
        return tree_options(direct_counts(rows, self.field))

    def from_stored(self, rows):
        return tree_options({int(row["value"]): row["count"] for row in rows})


class SlugFacet(Facet):
    """A related model's rows, by slug. Single-valued (a programme), the grouped query reads its key
    only (no join over every resource), then one query reads the slugs and names of the keys found."""

    def __init__(self, param, label, field, name_field="name", many=False):
        super().__init__(param, label, field, label_field=f"{field}__{name_field}", value_field=f"{field}__slug")
        self.name_field = name_field
        self.many = many

    @property
    def fields(self):
        return [self.field]

    def from_rows(self, rows):
        direct = direct_counts(rows, self.field)
        if not direct:  # no resource of the matches has one: not even a queryset to build (0.3 ms)
            return []
        model = CommonsEntry._meta.get_field(self.field).related_model
        names = model._default_manager.filter(pk__in=direct, slug__gt="").values_list("pk", "slug", self.name_field)
        return by_count([{"value": slug, "label": name, "count": direct[pk]} for pk, slug, name in names])

    def from_stored(self, rows):
        related = facet_counts.RELATED[self.param].removesuffix("_id")
        slug, name = f"{related}__slug", f"{related}__{self.name_field}"
        return by_count([{"value": row[slug], "label": row[name], "count": row["count"]} for row in rows if row[slug]])


def many_valued_counts(facets):
    """``{param: options}`` of many-valued facets given as ``(facet, resources to count)``, all read
    by one query: their link tables' counts, one after the other (``UNION ALL``)."""
    queries = [facet.link_rows(queryset).annotate(facet=Value(index)) for index, (facet, queryset) in enumerate(facets)]
    options = [[] for _facet in facets]
    rows = queries[0].union(*queries[1:], all=True) if len(queries) > 1 else queries[0]
    for value, label, count, index in rows:
        options[index].append({"value": value, "label": label, "count": count})
    return {facet.param: by_count(found) for (facet, _queryset), found in zip(facets, options, strict=True)}


def by_count(options):
    """Options in the order a visitor reads them: the most resources first, then by value and label."""
    return sorted(options, key=lambda option: (-option["count"], option["value"], option["label"]))


def direct_counts(rows, field):
    """``{key: resources}`` out of the grouped rows, for one foreign key (NULL left out)."""
    direct = {}
    for row in rows:
        if row[field] is not None:
            direct[row[field]] = direct.get(row[field], 0) + row["count"]
    return direct


FACETS = [
    TerritoryFacet("territoire", gettext_lazy("Territoire"), "territory"),
    SlugFacet("thematique", gettext_lazy("Thématique"), "themes", many=True),
    ChoiceFacet("stade", gettext_lazy("Stade"), "stage", RegisteredChoices("stage")),
    ChoiceFacet("type", gettext_lazy("Type de ressource"), "kind", CommonsKind.choices),
    SlugFacet("programme", gettext_lazy("Programme"), "programme", name_field="title"),
    SlugFacet("mot-cle", gettext_lazy("Mot-clé"), "tags", many=True),
    ChoiceFacet("licence", gettext_lazy("Licence"), "licence", Licence.choices),
]
SORTS = {"pertinence": gettext_lazy("Pertinence"), "date": gettext_lazy("Date de publication")}


def grouped_counts(matched, active):
    """The options of every single-valued facet that is not filtered on, read by one query grouped on
    all of them, and the number of resources matched: ``({param: options}, total)``. A facet filtered
    on, or many-valued, counts on its own; ``total`` is ``None`` when no facet is grouped.

    Each matched resource is in exactly one of the grouped rows, so the rows' counts add up to the
    number of resources: the paginator needs no ``COUNT`` of its own."""
    grouped = [facet for facet in FACETS if facet.groupable and facet.param not in active]
    if not grouped:
        return {}, None
    fields = list(dict.fromkeys(name for facet in grouped for name in facet.fields))
    # No DISTINCT: the filters on many-valued facets are EXISTS (``home.filters``), never a join.
    rows = list(matched.values(*fields).annotate(count=Count("pk")).order_by())
    return {facet.param: facet.from_rows(rows) for facet in grouped}, sum(row["count"] for row in rows)


def counted_counts(search):
    """``({param: options}, total)`` counted among the matches of any search (``total`` is ``None``
    when every single-valued facet is filtered on: the paginator counts)."""
    options, total = grouped_counts(search.filtered(), search.active)
    options |= many_valued_counts([(facet, search.filtered(excluding=facet.param)) for facet in FACETS if facet.many])
    for facet in FACETS:
        if facet.param not in options:
            options[facet.param] = facet.counts(search.filtered(excluding=facet.param))
    return options, total


def stored_counts(search):
    """``({param: options}, total)`` read from the counts kept ahead (``home.facet_counts``) in one
    query, as ``grouped_counts`` and ``many_valued_counts`` would count them; ``None`` when they must be
    counted: search words, or more than one filter."""
    if search.query or len(search.active) > 1:
        return None
    param, value = "", ""
    if search.active:
        ((param, (_given, cleaned)),) = search.active.items()
        value = str(getattr(cleaned, "pk", cleaned))  # a territory, theme, tag or programme; a choice
    rows = facet_counts.read(param, value)
    options = {
        # A facet filtered on offers its other values: counted among every resource, like ``filtered(excluding=…)``.
        facet.param: facet.from_stored(rows.get(("" if facet.param == param else param, facet.param), []))
        for facet in FACETS
    }
    total = sum(row["count"] for row in rows.get((param, ""), []))
    return options, total


class CountedPaginator(Paginator):
    """A paginator told its number of objects (read with the facets) instead of counting them again."""

    def __init__(self, object_list, per_page, *, count=None):
        super().__init__(object_list, per_page)
        if count is not None:
            self.count = count  # Paginator.count is a cached_property: this is its value


class CommonsSearch:
    """A search of the commons from a query string: the words, the filters, the matching entries.

    When no resource holds the words, the closest words of the commons' vocabulary are searched instead
    (« rapel » searches « rappel ») and ``corrected`` says so.
    """

    def __init__(self, params):
        self.notices = []
        query = params.get("q", "").strip()
        if len(query) > MAX_QUERY_LENGTH:
            self.notices.append(
                _("Votre recherche était trop longue : seuls ses 200 premiers caractères ont été utilisés.")
            )
            query = query[:MAX_QUERY_LENGTH]
        self.query = query
        self.corrected = None
        self.suggested = None

        self.filterset = CommonsFilterSet(params)
        self.active = {}
        given = self.filterset.given()
        for facet in FACETS:
            if facet.param not in given:
                continue
            value, cleaned = given[facet.param]
            if cleaned is None:
                self.notices.append(
                    _("Le filtre « %(label)s » n'a pas de valeur « %(value)s » : il a été ignoré.")
                    % {"label": facet.label, "value": value[:60]}
                )
                continue
            self.active[facet.param] = (value, cleaned)

        self.entries = CommonsEntry.objects.all()
        self.ranked_ids = None
        if query:
            self.ranked_ids = self.search(query)
            if not self.ranked_ids:
                self.suggested = suggestion(query)
                if self.suggested:
                    self.ranked_ids = self.search(self.suggested)
                    self.corrected = self.suggested if self.ranked_ids else None
            self.entries = self.entries.filter(pk__in=self.ranked_ids)

    @staticmethod
    def search(words):
        return [entry.pk for entry in get_search_backend().search(words, CommonsEntry, operator="and")]

    def filtered(self, excluding=None):
        """The matching entries, on every active filter but ``excluding``."""
        queryset = self.entries
        for param, (_value, cleaned) in self.active.items():
            if param != excluding:
                queryset = self.filterset.apply(queryset, param, cleaned)
        return queryset

    def ordered_ids(self, sort):
        matched = self.filtered()
        if self.query and sort == "pertinence":
            allowed = set(matched.values_list("pk", flat=True))
            return [pk for pk in self.ranked_ids if pk in allowed]
        return list(matched.order_by("-published_at", "pk").values_list("pk", flat=True))


def commons_index(request):
    """Every published resource; search, filters that combine, counts per filter, shareable URLs."""
    search = CommonsSearch(request.GET)
    query, active, notices = search.query, search.active, search.notices
    matched = search.filtered()
    options, total = stored_counts(search) or counted_counts(search)
    facets = []
    for facet in FACETS:
        selected = active.get(facet.param, ("",))[0]
        facet_options = options[facet.param]
        for option in facet_options:
            option["selected"] = str(option["value"]) == selected
        facets.append({"param": facet.param, "label": facet.label, "selected": selected, "options": facet_options})

    sort = request.GET.get("tri", "pertinence" if query else "date")
    if sort not in SORTS:
        sort = "pertinence" if query else "date"
    if query and sort == "pertinence":
        ordered = search.ordered_ids(sort)
    else:
        # By date the database counts and pages (not every matching key read into Python).
        ordered = matched.select_related("programme", "territory").order_by("-published_at", "pk")

    paginator = CountedPaginator(ordered, PAGE_SIZE, count=None if isinstance(ordered, list) else total)
    requested = request.GET.get("page") or 1
    try:
        paginator.validate_number(requested)
    except PageNotAnInteger:
        notices.append(_("Cette page de résultats n'existe pas : voici la plus proche."))
    except EmptyPage:
        if paginator.count or int(requested) < 1:  # an empty index has only its first page to offer
            notices.append(_("Cette page de résultats n'existe pas : voici la plus proche."))
    page = paginator.get_page(requested)
    if isinstance(ordered, list):
        by_pk = CommonsEntry.objects.select_related("programme", "territory").in_bulk(list(page.object_list))
        results = [by_pk[pk] for pk in page.object_list if pk in by_pk]
    else:
        results = list(page.object_list)

    return render(
        request,
        "home/commons_index.html",
        {
            "query": query,
            "corrected": search.corrected,
            "suggested": search.suggested,
            "feed_query": request.GET.urlencode(),
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
