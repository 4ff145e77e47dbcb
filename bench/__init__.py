"""Benchmarks of Labo commun: `make bench` (or `python -m bench [name …]`).

``bench/dataset.py`` builds once per run, in a throw-away database (SQLite in a temporary folder,
or ``DATABASE_URL`` when set), the realistic data set the benches share (``dataset.get()``). Each
module ``bench/<name>.py`` defines ``run(report)`` and calls
``report.row(figure, value, unit, baseline=…, baseline_label=…, bar=…)`` for each figure. The table
printed at the end gives each figure beside its floor or naive baseline measured in the same run,
the ratio between them, the bar and its verdict; ``bench/loadtest.py`` runs last (gunicorn + wrk).

Floors (``bench/floors.py``, routed by ``bench/urls.py`` in the bench only): an admin page is
measured against « chrome floor + plain rows », the empty page in the Wagtail admin layout plus a
plain Django view of the same rows (``harness.admin_page_row``); a tap on the attendance grid
against a plain JSON view that saves one row; the prototype fiche under load against a plain view
of its row, served by the same gunicorn. Page and floor are timed in turn (``harness.interleaved``):
on a shared machine the absolute figures drift, their ratio in one run is what counts.
"""
