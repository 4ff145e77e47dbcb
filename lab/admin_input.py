"""Wagtail's own admin views, subclassed where a malformed or forged request raised (issue 13).

Each is mounted in Wagtail's supported way: page views through a ``PageViewSet`` registered for
``Page`` (``wagtail_hooks.py``), the views of Wagtail's apps by a ``register_admin_urls`` hook that
runs before theirs (``lab`` comes first in ``INSTALLED_APPS``), and the one core view Wagtail lists
before any hook (the external link chooser) in ``lab/urls.py``, ahead of the admin's URLs. Each
answers what a browser never sends with a form error, a 400 or a 404, in French.
"""

from django.db.models import ProtectedError
from django.http import Http404, HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django.views.generic import FormView
from wagtail.admin.auth import require_admin_access
from wagtail.admin.forms.choosers import ExternalLinkChooserForm, URLOrAbsolutePathField
from wagtail.admin.views.account import LoginView
from wagtail.admin.views.chooser import ExternalLinkView
from wagtail.admin.views.pages.copy import CopyView
from wagtail.admin.views.pages.ordering import SetPagePositionView
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.contrib.redirects import views as redirect_views
from wagtail.documents.views.chooser import DocumentChosenMultipleView, DocumentChosenView
from wagtail.images.views.chooser import ImageChosenMultipleView, ImageChosenView
from wagtail.images.views.multiple import DeleteView as ImageMultipleDeleteView
from wagtail.models import Page

from lab.infra.security import local_url
from lab.models import ProgrammeLogo
from lab.scope import clean_pk


class LabLoginView(LoginView):
    """A ``?next=`` that is not a path of this site (``-1``, a quote) leads to the dashboard;
    Wagtail gave it to ``redirect()``, which took it for a URL name and raised."""

    def get_redirect_url(self):
        return local_url(self.request, super().get_redirect_url())


# ----------------------------------------------------------------------------------------------
# Pages
# ----------------------------------------------------------------------------------------------


class PageCopyView(CopyView):
    """Wagtail reads the new parent straight from the POST: a missing or unknown id raised."""

    def post(self, request, page_id, *args, **kwargs):
        pk = clean_pk(Page, request.POST.get("new_parent_page"))
        if pk is not None and Page.objects.filter(pk=pk).exists():
            return super().post(request, page_id, *args, **kwargs)
        # The form then says the parent page is missing or not a valid choice.
        return FormView.post(self, request, page_id, *args, **kwargs)


class PageSetPositionView(SetPagePositionView):
    """The root page has no parent to be ordered in."""

    def post(self, request, page_to_move_id, *args, **kwargs):
        page = get_object_or_404(Page, id=page_to_move_id)
        if page.is_root():
            return HttpResponseBadRequest(_("La page racine ne peut pas être déplacée."))
        return super().post(request, page_to_move_id, *args, **kwargs)


class LabPageViewSet(PageViewSet):
    """Wagtail's page views for every page type, with the two above."""

    model = Page
    copy_view_class = PageCopyView
    set_page_position_view_class = PageSetPositionView


# ----------------------------------------------------------------------------------------------
# Choosers
# ----------------------------------------------------------------------------------------------


class ExternalLinkField(URLOrAbsolutePathField):
    def to_python(self, value):
        return super().to_python(value or "")  # a missing field is empty, not None


class ExternalLinkForm(ExternalLinkChooserForm):
    url = ExternalLinkField(required=True, label=_("URL"))


class LabExternalLinkView(ExternalLinkView):
    form_class = ExternalLinkForm


class ValidPkChosenMixin:
    """A chosen image or document: an id that cannot be one (``%00``, a word) is a 404."""

    def get_object(self, pk):
        pk = clean_pk(self.model, pk)
        if pk is None:
            raise Http404
        return super().get_object(pk)

    def get_objects(self, pks):
        return super().get_objects([pk for pk in (clean_pk(self.model, value) for value in pks) if pk is not None])


class LabDocumentChosenView(ValidPkChosenMixin, DocumentChosenView):
    pass


class LabDocumentChosenMultipleView(ValidPkChosenMixin, DocumentChosenMultipleView):
    pass


class LabImageChosenView(ValidPkChosenMixin, ImageChosenView):
    pass


class LabImageChosenMultipleView(ValidPkChosenMixin, ImageChosenMultipleView):
    pass


# ----------------------------------------------------------------------------------------------
# Images and redirects
# ----------------------------------------------------------------------------------------------


class ImageDeleteView(ImageMultipleDeleteView):
    """Deleting an uploaded image that something still needs says why it cannot be deleted."""

    def post(self, request, *args, **kwargs):
        try:
            return super().post(request, *args, **kwargs)
        except ProtectedError as error:
            if any(isinstance(obj, ProgrammeLogo) for obj in error.protected_objects):
                message = _(
                    "Cette image est un logo du bloc de publicité d'un programme : elle ne peut pas être "
                    "supprimée. Retirez-la d'abord des logos du programme."
                )
            else:
                message = _("Cette image est encore utilisée : elle ne peut pas être supprimée.")
            return JsonResponse({"success": False, "error_message": message}, status=409)


@redirect_views.permission_checker.require_any("add")
@require_http_methods(["POST"])
def process_redirect_import(request):
    """Wagtail's import step, once its signed fields are there (without them, its form raised)."""
    if not (request.POST.get("import_file_name") and request.POST.get("input_format")):
        return HttpResponseBadRequest(_("Le fichier à importer est manquant : recommencez l'import."))
    return redirect_views.process_import(request)


#: Mounted under ``admin/`` ahead of Wagtail's own patterns (see the module's docstring).
hook_urlpatterns = [
    path("documents/chooser/chosen/<str:pk>/", LabDocumentChosenView.as_view()),
    path("documents/chooser/chosen-multiple/", LabDocumentChosenMultipleView.as_view()),
    path("images/chooser/chosen/<str:pk>/", LabImageChosenView.as_view()),
    path("images/chooser/chosen-multiple/", LabImageChosenMultipleView.as_view()),
    path("images/multiple/<int:image_id>/delete/", ImageDeleteView.as_view()),
    path("redirects/import/process/", process_redirect_import),
]
core_urlpatterns = [
    path("choose-external-link/", never_cache(require_admin_access(LabExternalLinkView.as_view()))),
    path("login/", never_cache(LabLoginView.as_view())),
]
