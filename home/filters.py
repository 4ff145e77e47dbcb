"""The query strings of the commons (/commun/) and of the structure directory, read by django-filter.

Each FilterSet turns the parameters into values (a territory, a theme, a stage…) and knows how each
value filters. A value that does not exist only makes its own field invalid: the commons ignores
it and says so, the directory shows no structure. The counts of the commons' facets are our own
code (``home.commons_views``).
"""

import copy
import functools

import django_filters
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef
from taggit.models import Tag

from home.facets import RegisteredChoices
from home.models import CommonsEntry, CommonsKind
from lab.choices import Licence, StructureKind
from lab.models import ProgrammePage, Structure, Territory, Theme

MAX_QUERY_LENGTH = 200


class SharedFilter:
    """A filter whose queryset and choices are the same for every request: each request's FilterSet
    copies it instead of deep-copying it (django-filter deep-copies every filter, with its queryset,
    at every request: 0.3 ms of the commons index, docs/bench.md)."""

    def __deepcopy__(self, memo):
        copied = copy.copy(self)
        if self.method is not None:
            copied.method = self.method  # a method of the copy's FilterSet, not of the class's filter
        return copied


class ChoiceFilter(SharedFilter, django_filters.ChoiceFilter):
    pass


class CharFilter(SharedFilter, django_filters.CharFilter):
    pass


class PublicFilterSet(django_filters.FilterSet):
    """A public page's FilterSet: nothing in it depends on who asks (no queryset scoped by the user),
    so its form class is built once per class, not at every request as django-filter does (0.2 ms
    of the commons index). Not for the admin's filters, whose choices follow the user."""

    @classmethod
    @functools.cache
    def _form_class(cls):
        fields = {name: filter_.field for name, filter_ in cls.base_filters.items()}
        return type(f"{cls.__name__}Form", (cls._meta.form,), fields)

    def get_form_class(self):
        return self._form_class()


class SlugChoiceField(django_filters.fields.ModelChoiceField):
    """The first object of the queryset with this slug (page slugs are unique only among siblings)."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        self.validate_no_null_characters(value)
        obj = self.queryset.filter(slug=value).first()
        if obj is None:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return obj


class SlugFilter(SharedFilter, django_filters.ModelChoiceFilter):
    field_class = SlugChoiceField


class TerritoryFilterMixin:
    def filter_territory(self, queryset, name, territory):
        """A territory selects what is in every territory below it too (looked up once per FilterSet:
        the commons filters several querysets with it)."""
        below = self.__dict__.setdefault("_below", {})
        if territory.pk not in below:
            below[territory.pk] = Territory.objects.filter(pk=territory.pk).with_descendants()
        return queryset.filter(**{f"{name}__in": below[territory.pk]})


class CommonsFilterSet(TerritoryFilterMixin, PublicFilterSet):
    """The facets of /commun/, by URL parameter; values are read without surrounding spaces."""

    territoire = SlugFilter(field_name="territory", queryset=Territory.objects.all(), method="filter_territory")
    thematique = SlugFilter(field_name="themes", queryset=Theme.objects.all(), method="filter_linked")
    stade = ChoiceFilter(field_name="stage", choices=RegisteredChoices("stage"))
    type = ChoiceFilter(field_name="kind", choices=CommonsKind.choices)
    programme = SlugFilter(field_name="programme", queryset=ProgrammePage.objects.live())
    # "mot-cle" (not a Python name) is added below.
    licence = ChoiceFilter(field_name="licence", choices=Licence.choices)

    class Meta:
        model = CommonsEntry
        fields = []

    def __init__(self, data, *args, **kwargs):
        data = {param: data.get(param, "").strip() for param in self.base_filters}
        super().__init__(data, *args, **kwargs)

    def filter_linked(self, queryset, name, value):
        """A theme or a tag as EXISTS on its link table rather than a join: one probe per resource
        along the facets' index, instead of one lookup of the resource per link of a popular value
        (at 5,000 resources on one theme, 2 ms instead of 3.5 on SQLite; PostgreSQL plans both alike)."""
        field = queryset.model._meta.get_field(name)
        links = field.remote_field.through.objects.filter(
            **{field.m2m_field_name(): OuterRef("pk"), field.m2m_reverse_field_name(): value}
        )
        return queryset.filter(Exists(links))

    def given(self):
        """``{param: (value, cleaned value or None when it does not exist)}`` for each non-empty parameter."""
        self.form.is_valid()
        return {
            param: (value, None if param in self.form.errors else self.form.cleaned_data[param])
            for param, value in self.data.items()
            if value
        }

    def apply(self, queryset, param, cleaned):
        """``queryset`` filtered on one facet's value."""
        return self.filters[param].filter(queryset, cleaned)


CommonsFilterSet.base_filters["mot-cle"] = SlugFilter(
    field_name="tags", queryset=Tag.objects.all(), method="filter_linked"
)


class StructureDirectoryFilterSet(TerritoryFilterMixin, PublicFilterSet):
    """The structure directory: a territory (with the territories below it), a kind, a search."""

    territoire = SlugFilter(field_name="territory", queryset=Territory.objects.all(), method="filter_territory")
    type = ChoiceFilter(field_name="kind", choices=StructureKind.choices)
    q = CharFilter(method="filter_query")

    class Meta:
        model = Structure
        fields = []

    def filter_query(self, queryset, name, value):
        value = value[:MAX_QUERY_LENGTH]
        return queryset.filter(name__icontains=value) | queryset.filter(city__icontains=value)

    @property
    def query(self):
        """The search as shown back in the form: stripped, at most ``MAX_QUERY_LENGTH`` characters."""
        self.form.is_valid()
        return self.form.cleaned_data.get("q", "")[:MAX_QUERY_LENGTH]

    @property
    def structures(self):
        """The matching structures; none at all when the territory or the kind does not exist."""
        return self.qs if self.is_valid() else self.queryset.none()
