"""Benchmarks of Labo commun: `make bench` (or `python -m bench [name …]`).

``bench/dataset.py`` builds once per run, in a throw-away database (SQLite in a temporary folder,
or ``DATABASE_URL`` when set), the realistic data set the benches share (``dataset.get()``). Each
module ``bench/<name>.py`` defines ``run(report)`` and calls
``report.row(figure, value, unit, baseline=…, baseline_label=…, bar=…)`` for each figure. The table
printed at the end gives each figure beside its floor or naive baseline measured in the same run,
the ratio between them, the bar and its verdict; ``bench/loadtest.py`` runs last (gunicorn + wrk).
"""
