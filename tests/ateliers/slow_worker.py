"""``manage.py`` for a worker subprocess whose every certificate part waits ``LABO_TEST_PART_DELAY``
seconds before it renders: a test that kills the worker then finds a part « en cours » for sure, not
only when the kill happens to fall within a render of a tenth of a second.

Run as ``python -m tests.ateliers.slow_worker db_worker …`` from the project's root.
"""

import os
import sys
import time


def main():
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lab.settings.test")
    django.setup()
    from django.core.management import execute_from_command_line

    from lab.infra import pdf

    render = pdf.render_pdf_part
    delay = float(os.environ.get("LABO_TEST_PART_DELAY", "0"))

    def slow_render(*args, **kwargs):
        time.sleep(delay)
        return render(*args, **kwargs)

    pdf.render_pdf_part = slow_render
    execute_from_command_line(["manage.py", *sys.argv[1:]])


if __name__ == "__main__":
    main()
