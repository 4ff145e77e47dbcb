"""Query-string filters of the module's lists (django-filter)."""

import django_filters
from django.db.models import Q

from alertes import privacy
from alertes.models import Member


class MemberFilter(django_filters.FilterSet):
    """The member list's filters: ``q`` (words of a name, e-mail or phone), ``groupe`` (a group id),
    ``consentement`` (« oui »/« non ») and ``inactif`` (« oui »: members flagged inactive).

    A value that means nothing (an unknown group id, « peut-être ») filters nothing.
    """

    q = django_filters.CharFilter(method="filter_search")
    groupe = django_filters.CharFilter(method="filter_group", strip=False)
    consentement = django_filters.CharFilter(method="filter_consent", strip=False)
    inactif = django_filters.CharFilter(method="filter_inactive", strip=False)

    class Meta:
        model = Member
        fields = []

    def filter_search(self, queryset, name, value):
        for word in value.split()[:5]:
            queryset = queryset.filter(
                Q(last_name__icontains=word)
                | Q(first_name__icontains=word)
                | Q(email__icontains=word)
                | Q(phone__contains=word.lstrip("0"))
            )
        return queryset

    def filter_group(self, queryset, name, value):
        return queryset.filter(groups=int(value)) if value.isdigit() else queryset

    def filter_consent(self, queryset, name, value):
        return queryset.filter(consent=value == "oui") if value in ("oui", "non") else queryset

    def filter_inactive(self, queryset, name, value):
        return queryset.filter(privacy.inactivity()) if value == "oui" else queryset
