"""Member import: 10,000 rows of a cp1252 CSV with « ; » read, validated and imported (bar: < 5 s)."""

import random
import time

ROWS = 10_000


def build_csv(rows=ROWS, seed=6):
    rng = random.Random(seed)
    lines = ["Nom;Prénom;Téléphone;Date de naissance;Groupes;Consentement;Email"]
    for n in range(rows):
        phone = f"06 {12 + n // 1_000_000:02d} {n // 10_000 % 100:02d} {n // 100 % 100:02d} {n % 100:02d}"
        birth = f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{rng.randint(1940, 2015)}"
        if n % 97 == 0:
            phone = "03 20 12 34 56"  # a landline: refused
        if n % 101 == 0:
            birth = ""  # missing birth date
        lines.append(f"Démo{n};Élodie{n % 50};{phone};{birth};Jeunesse, RSA;{'oui' if n % 3 else 'non'};")
    lines.append(lines[1])  # a duplicate within the file
    return ("\r\n".join(lines) + "\r\n").encode("cp1252")


def run(report):
    from django.db import transaction

    from alertes import imports
    from alertes.models import Group, Member
    from lab.infra import phones
    from lab.models import Structure

    structure, _ = Structure.objects.get_or_create(name="Banc import", city="Lille", defaults={"kind": "centre_social"})
    for name in ("Jeunesse", "RSA"):
        Group.objects.get_or_create(structure=structure, name=name)
    Member.objects.filter(structure=structure).delete()
    data = build_csv()
    phones.normalize_mobile.cache_clear()

    start = time.perf_counter()
    table = imports.read_table(data, "adherents.csv")
    read = time.perf_counter()
    validation = imports.validate(structure, table, imports.guess_mapping(table.header))
    validated = time.perf_counter()
    with transaction.atomic():
        count = imports.import_valid_rows(structure, validation, None)
    done = time.perf_counter()

    report.row("lecture du CSV (cp1252, ;)", (read - start) * 1000, "ms")
    report.row("validation (téléphones, dates, doublons)", (validated - read) * 1000, "ms")
    report.row("import en une transaction", (done - validated) * 1000, "ms")
    report.row(f"total pour {ROWS} lignes", done - start, "s", baseline=5.0, baseline_label="seuil", bar="< 5 s")
    report.row("adhérents importés", count, "lignes")
    report.row("lignes en erreur", len(validation.invalid), "lignes")
    if Member.objects.filter(structure=structure).count() != count:
        raise AssertionError("the import count does not match the members created")
