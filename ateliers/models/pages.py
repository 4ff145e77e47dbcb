"""Public, editorial pages of the ateliers: reports (comptes-rendus) and questionnaires."""

import unicodedata

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import AbstractForm, AbstractFormField
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.fields import RichTextField, StreamField
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import Page
from wagtail.search import index

from ateliers.choices import QuestionnaireKind
from lab.infra.exports import safe_export_view


def _normalise(value):
    return unicodedata.normalize("NFKD", str(value)).encode("ascii", "ignore").decode().strip().lower()


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("citation"))
    author = blocks.CharBlock(label=_("auteur·e"), required=False)

    class Meta:
        icon = "openquote"
        label = _("Citation")
        template = "ateliers/blocks/quote.html"


class PhotoBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"))
    caption = blocks.CharBlock(label=_("légende"), required=False)

    class Meta:
        icon = "image"
        label = _("Photo")
        template = "ateliers/blocks/photo.html"


class NextStepBlock(blocks.StructBlock):
    action = blocks.CharBlock(label=_("action"))
    owner = blocks.CharBlock(label=_("qui"), required=False)
    due = blocks.DateBlock(label=_("échéance"), required=False)


class SupportBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("document"))
    title = blocks.CharBlock(label=_("titre affiché"), required=False)

    class Meta:
        icon = "doc-full"
        label = _("Support (diaporama, document)")
        template = "ateliers/blocks/support.html"


class ReportBodyBlock(blocks.StreamBlock):
    text = blocks.RichTextBlock(label=_("Texte"), features=["h2", "h3", "bold", "italic", "ol", "ul", "link"])
    decisions = blocks.ListBlock(
        blocks.CharBlock(label=_("décision")), label=_("Décisions"), template="ateliers/blocks/decisions.html"
    )
    quote = QuoteBlock()
    photo = PhotoBlock()
    next_steps = blocks.ListBlock(
        NextStepBlock(), label=_("Prochaines étapes"), template="ateliers/blocks/next_steps.html"
    )
    support = SupportBlock()


class ReportPage(Page):
    """The compte-rendu of a workshop, written in the admin, validated through a workflow, then public."""

    workshop = models.ForeignKey(
        "ateliers.Workshop",
        verbose_name=_("atelier"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reports",
    )
    date = models.DateField(_("date"), null=True, blank=True)
    summary = models.TextField(_("résumé"), blank=True)
    body = StreamField(ReportBodyBlock(), verbose_name=_("contenu"), blank=True)

    parent_page_types = ["lab.ProgrammePage"]
    subpage_types = []

    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("workshop"), FieldPanel("date")]),
        FieldPanel("summary"),
        FieldPanel("body"),
    ]

    class Meta:
        verbose_name = _("compte-rendu")
        verbose_name_plural = _("comptes-rendus")


#: Where a respondent's structure is kept in an answer's data (a name no question's ``clean_name`` can take).
STRUCTURE_KEY = "_structure"


class QuestionField(AbstractFormField):
    """A question of a questionnaire; with a correct answer and points it counts in a quiz score."""

    page = ParentalKey("ateliers.QuestionnairePage", on_delete=models.CASCADE, related_name="form_fields")
    correct_answer = models.CharField(
        _("bonne réponse"), max_length=255, blank=True, help_text=_("Pour un quiz : la réponse attendue.")
    )
    points = models.PositiveSmallIntegerField(_("points"), default=0)

    panels = [
        *AbstractFormField.panels,
        FieldRowPanel([FieldPanel("correct_answer"), FieldPanel("points")], heading=_("Quiz")),
    ]

    def is_correct(self, answer):
        """Whether ``answer`` is this question's correct answer (case and accents aside)."""
        return _normalise(answer) == _normalise(self.correct_answer)


class QuestionnairePage(AbstractForm):
    """An end-of-workshop questionnaire (satisfaction, self-evaluation, scored quiz) on a public link."""

    workshop = models.ForeignKey(
        "ateliers.Workshop",
        verbose_name=_("atelier"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="questionnaires",
    )
    kind = models.CharField(
        _("type"), max_length=20, choices=QuestionnaireKind.choices, default=QuestionnaireKind.SATISFACTION
    )
    ask_structure = models.BooleanField(
        _("demander la structure du répondant"),
        default=False,
        help_text=_(
            "Les réponses ne sont plus anonymes : le formulaire demande la structure (parmi celles du programme) "
            "et la synthèse détaille les réponses par structure. Dites-le dans l'introduction."
        ),
    )
    intro = RichTextField(_("introduction"), blank=True)
    thank_you_text = RichTextField(_("message de remerciement"), blank=True)

    parent_page_types = ["lab.ProgrammePage"]
    subpage_types = []

    content_panels = [
        *AbstractForm.content_panels,
        FormSubmissionsPanel(),
        FieldRowPanel([FieldPanel("workshop"), FieldPanel("kind")]),
        FieldPanel("ask_structure"),
        FieldPanel("intro"),
        InlinePanel("form_fields", label=_("Questions")),
        MultiFieldPanel([FieldPanel("thank_you_text")], heading=_("Après l'envoi")),
    ]

    class Meta:
        verbose_name = _("questionnaire")
        verbose_name_plural = _("questionnaires")

    def structure_choices(self):
        """The structures a respondent may name: those of the questionnaire's programme, by name."""
        from lab.models import ProgrammePage, Structure

        programme = ProgrammePage.objects.ancestor_of(self).first()
        structures = Structure.objects.filter(programmes=programme) if programme else Structure.objects.none()
        return [(str(pk), name) for pk, name in structures.order_by("name").values_list("pk", "name")]

    def get_form(self, *args, **kwargs):
        """The questions, and first « Votre structure » when the questionnaire asks it."""
        form = super().get_form(*args, **kwargs)
        if self.ask_structure:
            form.fields = {
                STRUCTURE_KEY: forms.ChoiceField(
                    label=_("Votre structure"),
                    choices=[("", _("Choisissez votre structure")), *self.structure_choices()],
                    error_messages={"required": _("Indiquez votre structure.")},
                ),
                **form.fields,
            }
        return form

    def quiz_score(self, answers):
        """(points obtained, points possible) of a quiz answer, or None for an unscored questionnaire."""
        scored = [f for f in self.form_fields.all() if f.points and f.correct_answer]
        if not scored:
            return None
        obtained = 0
        for question in scored:
            answer = answers.get(question.clean_name)
            values = answer if isinstance(answer, list) else [answer]
            if any(question.is_correct(v) for v in values if v is not None):
                obtained += question.points
        return obtained, sum(f.points for f in scored)

    def get_submissions_list_view_class(self):
        """Wagtail's list of answers, whose CSV and XLSX exports go through the site's one writer."""
        return safe_export_view(super().get_submissions_list_view_class())

    def render_landing_page(self, request, form_submission=None, *args, **kwargs):
        from django.template.response import TemplateResponse

        context = self.get_context(request)
        context["form_submission"] = form_submission
        if form_submission is not None:
            context["score"] = self.quiz_score(form_submission.form_data)
        return TemplateResponse(request, "ateliers/questionnaire_page_landing.html", context)
