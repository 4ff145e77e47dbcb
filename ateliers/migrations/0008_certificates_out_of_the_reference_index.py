"""Certificates and their batches left Wagtail's « used by » index (``wagtail_reference_index_ignore``):
the rows it kept for them go too."""

from django.db import migrations

MODELS = ("certificate", "certificatebatch", "certificatebatchpart")


def forget(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ReferenceIndex = apps.get_model("wagtailcore", "ReferenceIndex")
    kinds = ContentType.objects.filter(app_label="ateliers", model__in=MODELS)
    ReferenceIndex.objects.filter(content_type__in=kinds).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("ateliers", "0007_attendance_proofs"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(forget, migrations.RunPython.noop)]
