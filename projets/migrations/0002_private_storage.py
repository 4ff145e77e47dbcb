# The files of existing rows move from the public media folder to the private storage.

import django.core.validators
import lab.infra.storage
import projets.models.projects
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('projets', '0001_initial'),
    ]

    operations = [
        migrations.AlterField(
            model_name='followupentry',
            name='attachment',
            field=models.FileField(blank=True, help_text='PDF, image, document bureautique, texte ou CSV ; 10 Mo au plus.', storage=lab.infra.storage.private_storage, upload_to='projets/suivi/%Y/%m/', validators=[django.core.validators.FileExtensionValidator(['pdf', 'png', 'jpg', 'jpeg', 'odt', 'ods', 'docx', 'xlsx', 'txt', 'csv'], message="Le type de fichier « %(extension)s » n'est pas accepté. Types acceptés : %(allowed_extensions)s."), projets.models.projects.validate_attachment_size], verbose_name='pièce jointe'),
        ),
        migrations.RunPython(lab.infra.storage.migration_mover('projets.FollowUpEntry', 'attachment'), migrations.RunPython.noop),
    ]
