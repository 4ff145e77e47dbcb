"""The reader of the demo's data files: `<app>/demo/data/<name>.toml`, one set of files per app.

The data of « Labo commun » are taken from the five French calls for tender in shared/seeds/.

Seeds: 000 « Centres sociaux connectés 2.0 du Croissant Sud » (FEDER-2020-PN.3),
001 « Centres sociaux connectés du bassin minier » (FEDER-2020-PN.6),
002 « Centres sociaux connectés », Alertes SMS phase 2 (FEDER-2018-PS.4.2),
003 DESIGN-PALAS, action « Labo des solutions innovantes et de la dynamique collaborative de projets » (FSE),
004 Hackathon « Centres Sociaux Connectés » (Lille-Roubaix-Tourcoing, 2017).

Publicity sentences, programme names, references, dates, budgets, addresses and switchboard
phone numbers are copied as written in the seeds (phones re-spaced « 03 27 46 92 23 », same digits).
A value the seeds do not give is left out of the file (TOML has no null): the loaders read it as
None (or "" for text fields of a structure/funder).

No personal contact data is copied: no contact person's name, personal e-mail or mobile phone.
Only institutions' addresses, landline/switchboard numbers and generic institutional e-mails.

Plain data only: no code in the files. Keys (territory, structure, programme, theme slugs, funder
short names) cross-reference between the files of every app. Funds: "FEDER", "FSE", "FSE+", "OTHER".
"""

import tomllib
from pathlib import Path


def read(demo_package_file, name):
    """The TOML file ``data/<name>.toml`` next to the demo package whose ``__file__`` is given."""
    with (Path(demo_package_file).parent / "data" / f"{name}.toml").open("rb") as file:
        return tomllib.load(file)
