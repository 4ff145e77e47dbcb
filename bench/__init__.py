"""Benchmarks of Labo commun: `make bench` (or `python -m bench [name …]`).

Each module ``bench/<name>.py`` defines ``run(report)``; it builds its own data in a throw-away
database (``bench`` settings: SQLite in a temporary folder, or ``DATABASE_URL`` when set) and
calls ``report.row(figure, value, unit, baseline=…, baseline_label=…, bar=…)`` for each figure.
The table printed at the end gives each figure beside its floor or naive baseline measured in the
same run, and the ratio between them.
"""
