"""`manage.py two_factor_reset USERNAME`: remove a user's authenticator apps (lost or changed phone).

The user then logs in with their password alone, or is sent to enrolment if their role requires it.
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice


class Command(BaseCommand):
    help = "Retire les applications d'authentification d'un compte (téléphone perdu ou changé)."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"Aucun compte « {username} ».")
        count, _ = TOTPDevice.objects.filter(user=user).delete()
        self.stdout.write(f"{count} appareil(s) retiré(s) du compte « {username} ».")
