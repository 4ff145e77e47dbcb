"""Grammatical French for the messages Wagtail builds from a model's name, and « Oui »/« Non » columns.

Wagtail's French catalogue writes « Ajouter un(e) %(model_name)s », « Il n'y a pas de
%(model_name)s » or « Le(la) %(model_name)s n'a pas pu être créé(e) »: it cannot know the gender
of the name, nor elide « de » before a vowel. A viewset that mixes in ``FrenchViewSetMixin`` (every
viewset of the project does, through ``lab.scope.ScopedViewSetMixin``) says whether its model's name
is feminine (``feminine = True``), and its views write « Ajouter une structure », « Aucune structure
à afficher. », « Structure « X » créée. ».

A boolean field named in a list's ``list_display`` gets Wagtail's ``BooleanColumn`` (a tick or a
cross) instead of a column printing « True »/« False »; the project's
``wagtailadmin/tables/boolean_cell.html`` titles the icon « Oui » or « Non » for screen readers.
"""

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.views.generic.models import CreateView, DeleteView, EditView, IndexView

VOWELS = "aàâeéèêëiîïoôuùûyhAÀÂEÉÈÊËIÎÏOÔUÙÛYH"


def elide(word, article):
    """``article`` (« le », « la », « de ») before ``word``, elided before a vowel: « l'adhérent »."""
    return f"{article[0]}'{word}" if word[:1] in VOWELS else f"{article} {word}"


def _messages(name, feminine):
    e = "e" if feminine else ""
    article = "la" if feminine else "le"
    return {
        "add": _("Ajouter une %(name)s") % {"name": name} if feminine else _("Ajouter un %(name)s") % {"name": name},
        "empty": (_("Aucune %(name)s à afficher.") if feminine else _("Aucun %(name)s à afficher.")) % {"name": name},
        "no_match": (
            _("Aucune %(name)s ne correspond à votre recherche.")
            if feminine
            else _("Aucun %(name)s ne correspond à votre recherche.")
        )
        % {"name": name},
        "created": capfirst(name) + " « %(object)s » " + (_("créée.") if feminine else _("créé.")),
        "updated": capfirst(name) + " « %(object)s » " + (_("modifiée.") if feminine else _("modifié.")),
        "deleted": capfirst(name) + " « %(object)s » " + (_("supprimée.") if feminine else _("supprimé.")),
        "not_created": _("%(what)s n'a pas pu être créé%(e)s : corrigez les erreurs signalées.")
        % {"what": capfirst(elide(name, article)), "e": e},
        "not_saved": _("%(what)s n'a pas pu être enregistré%(e)s : corrigez les erreurs signalées.")
        % {"what": capfirst(elide(name, article)), "e": e},
        "confirm": _("Voulez-vous vraiment supprimer %(this)s %(name)s ?")
        % {"this": "cette" if feminine else ("cet" if name[:1] in VOWELS else "ce"), "name": name},
    }


class FrenchIndexMixin:
    feminine = False

    @property
    def _french(self):
        meta = self.model._meta
        return _messages(str(meta.verbose_name), self.feminine)

    def _get_custom_column(self, field_name, column_class=Column, **kwargs):
        try:
            field = self.model._meta.get_field(field_name)
        except FieldDoesNotExist:
            field = None
        if isinstance(field, models.BooleanField) and column_class is Column:
            column_class = BooleanColumn
        return super()._get_custom_column(field_name, column_class, **kwargs)

    @property
    def add_item_label(self):
        return self._french["add"]

    @property
    def no_results_message(self):
        if self.is_searching or self.is_filtering:
            return self._french["no_match"]
        return self._french["empty"]


class FrenchCreateMixin(FrenchIndexMixin):
    @property
    def success_message(self):
        return self._french["created"]

    @property
    def error_message(self):
        return self._french["not_created"]


class FrenchEditMixin(FrenchIndexMixin):
    @property
    def success_message(self):
        return self._french["updated"]

    @property
    def error_message(self):
        return self._french["not_saved"]


class FrenchDeleteMixin(FrenchIndexMixin):
    @property
    def success_message(self):
        return self._french["deleted"]

    @property
    def confirmation_message(self):
        return self._french["confirm"]


MIXINS = [
    (CreateView, FrenchCreateMixin),  # before EditView: a copy view is a create view
    (EditView, FrenchEditMixin),
    (DeleteView, FrenchDeleteMixin),
    (IndexView, FrenchIndexMixin),
]


class FrenchViewSetMixin:
    """For a ``ModelViewSet``/``SnippetViewSet``: its views speak of the model in correct French."""

    #: Whether the model's verbose name is feminine (« une structure », « la campagne »).
    feminine = False

    def construct_view(self, view_class, **kwargs):
        for base, mixin in MIXINS:
            if issubclass(view_class, base):
                view_class = type(view_class.__name__, (mixin, view_class), {"feminine": self.feminine})
                break
        return super().construct_view(view_class, **kwargs)
