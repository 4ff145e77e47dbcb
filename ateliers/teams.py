"""Which page types a hackathon team can work on (the prototype fiches of ``projets``).

``projets`` is a higher layer: it registers its page type here from ``ProjetsConfig.ready()``, and the
team's chooser (``TeamPrototypeChooserPanel``) and checks (``SubGroup.clean``) read the registry.
"""

from wagtail.admin.panels import PageChooserPanel

#: Labels (``app_label.ModelName``) of the page types a team's prototype may be.
PROTOTYPE_PAGE_TYPES = []


def register_team_prototype_page(label):
    """Let hackathon teams link to pages of type ``label`` (``"projets.PrototypePage"``)."""
    if label not in PROTOTYPE_PAGE_TYPES:
        PROTOTYPE_PAGE_TYPES.append(label)


def is_prototype_page(page):
    """Whether ``page`` is of a registered prototype page type."""
    model = page.specific_class
    return model is not None and model._meta.label in PROTOTYPE_PAGE_TYPES


class TeamPrototypeChooserPanel(PageChooserPanel):
    """A page chooser that only offers the registered prototype page types."""

    def get_form_options(self):
        self.page_type = list(PROTOTYPE_PAGE_TYPES) or None
        return super().get_form_options()
