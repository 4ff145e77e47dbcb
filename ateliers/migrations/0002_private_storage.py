# The files of existing rows move from the public media folder to the private storage.

import ateliers.models.certificates
import lab.infra.storage
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('ateliers', '0001_initial'),
    ]

    operations = [
        migrations.AlterField(
            model_name='certificatebatch',
            name='file',
            field=models.FileField(blank=True, storage=lab.infra.storage.private_storage, upload_to=ateliers.models.certificates.batch_upload_to, verbose_name='fichier'),
        ),
        migrations.RunPython(lab.infra.storage.migration_mover('ateliers.CertificateBatch', 'file'), migrations.RunPython.noop),
    ]
