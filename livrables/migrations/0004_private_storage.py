# The files of existing rows move from the public media folder to the private storage.

import django.core.validators
import lab.infra.storage
import livrables.models
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('livrables', '0003_story'),
    ]

    operations = [
        migrations.AlterField(
            model_name='expense',
            name='receipt',
            field=models.FileField(blank=True, help_text="PDF, JPEG ou PNG, 10 Mo au plus. Une dépense sans justificatif n'est pas justifiée.", storage=lab.infra.storage.private_storage, upload_to='justificatifs/%Y/%m/', validators=[django.core.validators.FileExtensionValidator(['pdf', 'jpg', 'jpeg', 'png']), livrables.models.validate_receipt_size], verbose_name='justificatif'),
        ),
        migrations.AlterField(
            model_name='exportjob',
            name='file',
            field=models.FileField(blank=True, storage=lab.infra.storage.private_storage, upload_to='exports/%Y/%m/', verbose_name='fichier'),
        ),
        migrations.RunPython(lab.infra.storage.migration_mover('livrables.Expense', 'receipt'), migrations.RunPython.noop),
        migrations.RunPython(lab.infra.storage.migration_mover('livrables.ExportJob', 'file'), migrations.RunPython.noop),
    ]
