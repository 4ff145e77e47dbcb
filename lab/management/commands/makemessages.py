"""``makemessages`` without fuzzy matching: the catalogues are identity French catalogues.

msgmerge otherwise guesses a « fuzzy » translation for each new string from a similar old one
(« Code QR de la page de vérification » → « Code de vérification »), which ``bin/messages`` would
then keep instead of the string itself.
"""

from django.core.management.commands import makemessages


class Command(makemessages.Command):
    msgmerge_options = [*makemessages.Command.msgmerge_options, "--no-fuzzy-matching"]
