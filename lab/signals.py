"""Keep Wagtail groups in step with the roles held in Labo commun."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import page_published

from lab.models import ProgrammePage, ProgrammeRole, StructureMembership
from lab.services import sync_user_access
from lab.validation import apply_validation_policy


@receiver(post_save, sender=ProgrammeRole)
@receiver(post_delete, sender=ProgrammeRole)
@receiver(post_save, sender=StructureMembership)
@receiver(post_delete, sender=StructureMembership)
def role_changed(sender, instance, raw=False, **kwargs):
    if raw:  # loading a fixture or a backup: the groups come with the data
        return
    sync_user_access(instance.user)


@receiver(page_published)
def programme_published(sender, instance, **kwargs):
    """A programme's validation settings take effect when its page is published."""
    if isinstance(instance, ProgrammePage):
        apply_validation_policy(instance)
