import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from alertes.choices import ImportStatus
from alertes.imports import guess_mapping, read_table, validate
from alertes.models import ConsentEvent, Member, MemberImport

pytestmark = pytest.mark.django_db

HEADER = "Nom;Prénom;Téléphone;Date de naissance;Groupes;Consentement;Email\r\n"


def cp1252_csv(rows):
    return (HEADER + "".join(rows)).encode("cp1252")


def upload(client, data, name="adherents.csv"):
    return client.post(reverse("alertes:import_upload"), {"file": SimpleUploadedFile(name, data)})


def test_it_handles_a_cp1252_csv_with_semicolons_and_shows_errors_per_row(alertes, login):
    data = cp1252_csv(
        [
            "Lefèvre;Élodie;06 98 76 54 01;17/05/1990;Jeunesse, RSA;oui;elodie@exemple.invalid\r\n",
            "Cœur;Hélène;0698765402;1988-02-01;;non;\r\n",
            "Fixe;Jean;03 20 12 34 56;01/01/1980;;oui;\r\n",
            "Futur;Paul;06 98 76 54 04;01/01/2999;;oui;\r\n",
            "Inconnu;Groupe;06 98 76 54 05;01/01/1980;Théâtre;oui;\r\n",
            "Double;Fichier;06 98 76 54 01;02/02/1982;;oui;\r\n",
            "Existant;Alice;06 12 34 56 01;03/03/1983;;oui;\r\n",
            "SansDate;Marie;06 98 76 54 08;;;oui;\r\n",
        ]
    )
    client = login(alertes.world.owner)
    response = upload(client, data)
    assert response.status_code == 302
    pending = MemberImport.objects.get()
    assert pending.encoding == "cp1252" and pending.delimiter == ";"
    preview = client.get(response.url)
    content = preview.content.decode()
    assert "Lefèvre" in content and "Cœur" in content
    validation = preview.context["validation"]
    assert len(validation.valid) == 2
    errors = {row.line: " ".join(row.errors) for row in validation.invalid}
    assert "fixe" in errors[4]
    assert "futur" in errors[5]
    assert "Groupe inconnu « Théâtre »" in errors[6]
    assert "Doublon dans le fichier" in errors[7] and "ligne 2" in errors[7]
    assert "existe déjà" in errors[8]
    assert "Date de naissance manquante" in errors[9]

    report = client.get(reverse("alertes:import_errors", args=[pending.pk]))
    assert report["Content-Type"].startswith("text/csv")
    assert "Groupe inconnu" in report.content.decode("utf-8-sig")

    assert Member.objects.filter(structure=alertes.world.structure_a).count() == 3  # nothing yet
    response = client.post(reverse("alertes:import_confirm", args=[pending.pk]))
    assert response.status_code == 302
    elodie = Member.objects.get(last_name="Lefèvre")
    assert elodie.phone == "+33698765401" and elodie.consent
    assert set(elodie.groups.values_list("name", flat=True)) == {"Jeunesse", "RSA"}
    assert ConsentEvent.objects.filter(member=elodie, source="import").exists()
    assert not Member.objects.get(last_name="Cœur").consent
    pending.refresh_from_db()
    assert pending.status == ImportStatus.DONE and pending.imported_count == 2
    # Confirming twice imports nothing more.
    client.post(reverse("alertes:import_confirm", args=[pending.pk]))
    assert Member.objects.filter(structure=alertes.world.structure_a).count() == 5


def test_it_handles_utf8_with_bom_and_commas():
    data = "\ufeffnom,prenom,portable,naissance\r\nDupont,Léa,0612345699,01/02/2000\r\n".encode()
    table = read_table(data, "x.csv")
    assert table.encoding == "utf-8-sig" and table.delimiter == ","
    assert table.header == ["nom", "prenom", "portable", "naissance"]
    assert guess_mapping(table.header) == {"last_name": 0, "first_name": 1, "phone": 2, "birth_date": 3}


def test_it_reads_an_xlsx_file_with_real_dates(alertes):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Nom", "Prénom", "Mobile", "Date de naissance", "Groupe"])
    sheet.append(["Durand", "Léo", "0612345698", datetime.datetime(2001, 3, 4), "jeunesse"])
    out = io.BytesIO()
    workbook.save(out)
    table = read_table(out.getvalue(), "a.xlsx")
    validation = validate(alertes.world.structure_a, table, guess_mapping(table.header))
    assert not validation.invalid
    assert validation.valid[0].member["birth_date"] == datetime.date(2001, 3, 4)
    assert validation.valid[0].group_ids == [alertes.jeunesse.pk]


def test_it_refuses_an_xlsx_that_is_not_a_spreadsheet(alertes, login):
    response = upload(login(alertes.world.owner), b"%PDF-1.4 not a workbook", name="faux.xlsx")
    assert response.status_code == 200
    assert "ne correspond pas à son extension (.xlsx)" in response.content.decode()
    assert not MemberImport.objects.exists()


def test_it_refuses_a_binary_file_named_csv(alertes, login):
    response = upload(login(alertes.world.owner), b"\x00\x01\x02binary", name="faux.csv")
    assert "pas du texte lisible" in response.content.decode()


def test_it_refuses_a_50_mb_upload(alertes, login):
    response = upload(login(alertes.world.owner), b"a" * (50 * 1024 * 1024), name="gros.csv")
    assert response.status_code == 200
    assert "au plus" in response.content.decode()
    assert not MemberImport.objects.exists()


def test_missing_required_columns_are_named_and_the_mapping_can_be_fixed(alertes, login):
    data = "Nom;Prénom;Contact;Né(e) le\r\nDupont;Léa;0612345699;01/02/2000\r\n".encode()
    client = login(alertes.world.owner)
    response = upload(client, data)
    preview = client.get(response.url)
    assert "Colonnes obligatoires non associées" in preview.content.decode()
    pending = MemberImport.objects.get()
    client.post(response.url, {"last_name": "0", "first_name": "1", "phone": "2", "birth_date": "3"})
    preview = client.get(response.url)
    assert len(preview.context["validation"].valid) == 1
    pending.refresh_from_db()
    assert pending.mapping["birth_date"] == 3


def test_another_structure_cannot_open_or_confirm_an_import(alertes, login):
    pending = MemberImport.objects.create(structure=alertes.world.structure_b, original_name="b.csv", mapping={})
    client = login(alertes.world.owner)
    assert client.get(reverse("alertes:import_preview", args=[pending.pk])).status_code == 404
    assert client.post(reverse("alertes:import_confirm", args=[pending.pk])).status_code == 404
    assert client.get(reverse("alertes:import_errors", args=[pending.pk])).status_code == 404


def test_mobiles_outside_the_known_ranges_are_imported_with_a_warning_in_the_preview(alertes, login):
    data = cp1252_csv(
        [
            "Neuf;Anaïs;07 10 12 34 56;01/01/1990;;oui;\r\n",  # metropolitan 07 1x
            "Mayotte;Nouveau;0639 31 12 34;01/01/1991;;oui;\r\n",  # Mayotte 0639 3x
            "Reunion;Nouveau;+262 639 80 12 34;01/01/1992;;oui;\r\n",  # +262 639 8x
            "Connu;Léa;06 98 76 54 01;01/01/1993;;oui;\r\n",
            "Fixe;Jean;03 20 12 34 56;01/01/1980;;oui;\r\n",
            "Abimé;Numéro;06 12;01/01/1980;;oui;\r\n",
        ]
    )
    client = login(alertes.world.owner)
    preview = client.get(upload(client, data).url)
    validation = preview.context["validation"]
    assert [row.line for row in validation.valid] == [2, 3, 4, 5]
    assert [row.line for row in validation.warned] == [2, 3, 4]
    content = preview.content.decode()
    assert "plage inconnue : vérifiez le numéro 07 10 12 34 56" in content
    assert "numéros à vérifier" in content
    errors = {row.line: " ".join(row.errors) for row in validation.invalid}
    assert "fixe" in errors[6]
    assert "exemple : 06 12 34 56 78" in errors[7] and "03 20" not in errors[7]
    client.post(reverse("alertes:import_confirm", args=[MemberImport.objects.get().pk]))
    phones = set(Member.objects.filter(structure=alertes.world.structure_a).values_list("phone", flat=True))
    assert {"+33710123456", "+262639311234", "+262639801234"} <= phones


def test_the_error_report_downloaded_after_the_import_is_the_one_of_the_import(alertes, login):
    data = cp1252_csv(
        [
            "Lefèvre;Élodie;06 98 76 54 01;17/05/1990;;oui;\r\n",
            "Fixe;Jean;03 20 12 34 56;01/01/1980;;oui;\r\n",
        ]
    )
    client = login(alertes.world.owner)
    upload(client, data)
    pending = MemberImport.objects.get()
    before = client.get(reverse("alertes:import_errors", args=[pending.pk])).content
    client.post(reverse("alertes:import_confirm", args=[pending.pk]))
    after = client.get(reverse("alertes:import_errors", args=[pending.pk])).content.decode("utf-8-sig")
    assert after == before.decode("utf-8-sig")
    assert "fixe" in after and "Doublon" not in after and "Lefèvre" not in after
