"""The Alertes SMS module's own pages, under /alertes/, for the social workers of one structure.

Every view goes through ``module_view``: login required, the user's current structure resolved
from their memberships (a global admin picks one), and every object looked up inside that
structure, so another structure's id is a 404.

One module per concern: ``base`` (``module_view``, structure picker, home), ``members`` (members
and groups), ``member_imports``, ``campaigns``, ``reminders``, ``accounts`` (settings and accounts),
``statistics`` (statistics and the user manual) and ``webhook`` (the SMS provider's).
"""
