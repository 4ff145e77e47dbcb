# The files of existing rows move from the public media folder to the private storage.

import lab.infra.storage
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('alertes', '0001_initial'),
    ]

    operations = [
        migrations.AlterField(
            model_name='memberimport',
            name='file',
            field=models.FileField(storage=lab.infra.storage.private_storage, upload_to='alertes/imports/%Y/%m/', verbose_name='fichier'),
        ),
        migrations.RunPython(lab.infra.storage.migration_mover('alertes.MemberImport', 'file'), migrations.RunPython.noop),
    ]
