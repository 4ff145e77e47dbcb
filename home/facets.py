"""The values of the commons' facets that an app above home owns (the stage of a prototype…).

Home imports nothing from the apps above it: an app whose pages fill a facet of the commons
registers that facet's values and French labels from its ``AppConfig.ready``, e.g. projets calls
``register_choices("stage", Stage.choices)``. ``CommonsEntry.stage`` (its choices, so
``get_stage_display``), the « Stade » filter of /commun/ and the API read them here.
"""

from django.utils.choices import BaseChoiceIterator

_choices = {}


def register_choices(field, choices):
    """Give the commons' ``field`` (``"stage"``…) these ``(value, label)`` choices, in their order."""
    _choices.setdefault(field, {}).update(choices)


class RegisteredChoices(BaseChoiceIterator):
    """The choices registered for ``field``, read when used (models load before the apps register).

    It compares equal to the same list of choices, so the migrations, which hold the list, see no
    change.
    """

    def __init__(self, field):
        self.field = field

    def __iter__(self):
        return iter(list(_choices.get(self.field, {}).items()))
