"""Campaigns confirmed before confirmed lists were recorded (0004) had none: their list is frozen now,
under the confirmation's rules (``alertes.audience``), so that they go to the people they would have
gone to, and people who join their groups later are not added (the campaign would otherwise wait
« à reconfirmer »)."""

from django.db import migrations


def freeze(apps, schema_editor):
    from alertes.audience import freeze_unrecorded

    freeze_unrecorded(
        apps.get_model("alertes", "Campaign"),
        apps.get_model("alertes", "CampaignRecipient"),
        apps.get_model("alertes", "Member"),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("alertes", "0007_settings_night_and_member_order"),
    ]

    operations = [
        migrations.RunPython(freeze, migrations.RunPython.noop),
    ]
