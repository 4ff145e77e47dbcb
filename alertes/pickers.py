"""Search-as-you-type member pickers (a campaign's extra members, a reminder's member).

A structure may hold 10,000 members: a picker never lists them all. It renders the members already
chosen and, after a search, at most ``MAX_RESULTS`` matches, as radio buttons (one member) or check
boxes (several). Without JavaScript, « Chercher » posts the form back with the matches (nothing typed is
lost); with ``alertes/member-picker.js``, the search input is a combobox whose list box is filled,
while typing, by ``member_search`` (a JSON view, in ``alertes.views.members``). The field validates
ids against the structure's members: another structure's id is an invalid choice.
"""

import re

from django import forms
from django.forms.utils import ErrorDict
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from alertes.models import name_key
from lab.infra.ids import IdChoiceField, int_param

MAX_RESULTS = 20
MAX_QUERY_LENGTH = 100
_PHONE_CHARS = re.compile(r"[\s.\-+()/]")


def clean_query(text):
    """A search text: NUL bytes dropped (PostgreSQL refuses them), spaces merged, 100 characters at most."""
    return " ".join(str(text or "").replace("\x00", "").split())[:MAX_QUERY_LENGTH]


def search_members(queryset, text):
    """Members of ``queryset`` matching ``text``: a phone number (« 06 12 34 », « +33 6 12 ») or
    words of the name (accents, case and hyphens ignored). An empty text matches nobody."""
    text = clean_query(text)
    digits = _PHONE_CHARS.sub("", text)
    if len(digits) >= 2 and digits.isascii() and digits.isdigit():
        digits = digits[2:] if digits.startswith("00") else digits.lstrip("0") if digits[0] == "0" else digits
        return queryset.filter(phone__contains=digits) if digits else queryset.none()
    words = [name_key(word, "")[:-1] for word in text.split()[:5]]
    words = [word for word in words if word]
    if not words:
        return queryset.none()
    for word in words:
        queryset = queryset.filter(name_key__contains=word)
    return queryset


def member_label(member):
    return f"{member} — {member.phone_display}"


def search_results(queryset, text):
    """The JSON answer of a search: at most ``MAX_RESULTS`` members, and whether there are more."""
    found = list(search_members(queryset, text)[: MAX_RESULTS + 1])
    return {
        "results": [{"id": member.pk, "label": member_label(member)} for member in found[:MAX_RESULTS]],
        "more": len(found) > MAX_RESULTS,
    }


class MemberPickerMixin:
    """The widget part: the chosen members, then the matches of ``search`` (set by the form)."""

    template_name = "alertes/widgets/member_picker.html"
    search = ""
    consenting_only = False

    def optgroups(self, name, value, attrs=None):
        queryset = self.choices.queryset
        ids = [pk for pk in (int_param(v) for v in value or []) if pk is not None]
        chosen = list(queryset.filter(pk__in=ids)) if ids else []
        found = list(search_members(queryset, self.search).exclude(pk__in=ids)[: MAX_RESULTS + 1])
        self.more = len(found) > MAX_RESULTS
        self.found_count = min(len(found), MAX_RESULTS)
        options = []
        for index, member in enumerate(chosen + found[:MAX_RESULTS]):
            selected = member in chosen
            options.append(self.create_option(name, member.pk, member_label(member), selected, index, attrs=attrs))
        return [(None, options, 0)]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        search_url = reverse("alertes:member_search")
        if self.consenting_only:
            search_url += "?accord=oui"
        context["widget"].update(
            search_name=f"{name}_recherche",
            search_value=self.search,
            button_name=f"{name}_chercher",
            search_url=search_url,
            multiple=self.allow_multiple_selected,
            searched=bool(self.search),
            found_count=getattr(self, "found_count", 0),
            more=getattr(self, "more", False),
            max_results=MAX_RESULTS,
        )
        return context


class MemberRadioPicker(MemberPickerMixin, forms.RadioSelect):
    pass


class MemberCheckboxPicker(MemberPickerMixin, forms.CheckboxSelectMultiple):
    pass


class MemberPickerField(IdChoiceField):
    widget = MemberRadioPicker
    default_error_messages = {
        "invalid_choice": _("Cet adhérent n'existe pas dans votre structure : cherchez-le par son nom."),
    }


class MembersPickerField(forms.ModelMultipleChoiceField):
    widget = MemberCheckboxPicker
    default_error_messages = {
        "invalid_choice": _(
            "Cet adhérent n'existe pas dans votre structure ou n'a pas donné son accord (%(value)s) : "
            "cherchez-le par son nom."
        ),
        "invalid_pk_value": _("« %(pk)s » ne désigne aucun adhérent : cherchez-le par son nom."),
    }

    def _check_values(self, value):
        for pk in value:
            if int_param(pk) is None:
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": pk}
                )
        return super()._check_values(value)


class PickerFormMixin:
    """A form with member pickers: « Chercher » (without JavaScript) shows the matches and saves nothing."""

    picker_fields = ()

    def setup_pickers(self):
        self.searching = False
        for name in self.picker_fields:
            widget = self.fields[name].widget
            prefixed = self.add_prefix(name)
            if self.is_bound:
                widget.search = clean_query(self.data.get(f"{prefixed}_recherche"))
                self.searching = self.searching or f"{prefixed}_chercher" in self.data

    def full_clean(self):
        if getattr(self, "searching", False):
            self._errors, self.cleaned_data = ErrorDict(), {}
            return
        super().full_clean()

    def is_valid(self):
        return not self.searching and super().is_valid()
