"""Keep Wagtail groups in step with the roles held in Labo commun."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from lab.models import ProgrammeRole, StructureMembership
from lab.services import sync_user_access


@receiver(post_save, sender=ProgrammeRole)
@receiver(post_delete, sender=ProgrammeRole)
@receiver(post_save, sender=StructureMembership)
@receiver(post_delete, sender=StructureMembership)
def role_changed(sender, instance, raw=False, **kwargs):
    if raw:  # loading a fixture or a backup: the groups come with the data
        return
    sync_user_access(instance.user)
