"""Importing members from a CSV or Excel (.xlsx) file: read, map columns, validate, import.

Reading guesses the encoding (UTF-8 with or without BOM, then cp1252) and the delimiter (``;`` or
``,``). Validation runs in memory: the structure's existing phones and identities are loaded in one
query, phones are normalised once each, and duplicates are found within the file and against the
structure. The import itself is one transaction: every valid row, or nothing.
"""

import csv
import datetime
import io
import re
import zipfile
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from alertes.choices import ConsentSource
from alertes.models import ConsentEvent, Group, Member, name_key, sort_key
from lab.infra.exports import csv_bytes
from lab.infra.phones import normalize_mobile, unknown_range_warning

#: Fields that can be imported: (field, label, header names recognised, required).
FIELDS = [
    ("last_name", gettext_lazy("Nom"), ["nom", "nom de famille", "last name", "lastname", "name"], True),
    ("first_name", gettext_lazy("Prénom"), ["prenom", "prénom", "first name", "firstname"], True),
    (
        "phone",
        gettext_lazy("Téléphone mobile"),
        ["telephone", "téléphone", "tel", "tél", "mobile", "portable", "phone", "gsm", "numero", "numéro"],
        True,
    ),
    (
        "birth_date",
        gettext_lazy("Date de naissance"),
        ["date de naissance", "naissance", "ne le", "né le", "née le", "né(e) le", "birth date", "birthdate", "ddn"],
        True,
    ),
    (
        "email",
        gettext_lazy("Adresse e-mail"),
        ["email", "e-mail", "mail", "courriel", "adresse email", "adresse e-mail"],
        False,
    ),
    ("groups", gettext_lazy("Groupes"), ["groupe", "groupes", "group", "groups"], False),
    (
        "consent",
        gettext_lazy("Consentement"),
        ["consentement", "accord", "consent", "sms", "autorisation", "accepte"],
        False,
    ),
    ("notes", gettext_lazy("Notes"), ["notes", "note", "commentaire", "commentaires", "remarque"], False),
]
FIELD_NAMES = [name for name, _label, _aliases, _required in FIELDS]
REQUIRED = [name for name, _label, _aliases, required in FIELDS if required]
YES = {"oui", "o", "x", "1", "true", "vrai", "yes", "y", "ok"}
DATE_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d", "%d/%m/%y", "%Y-%m-%d %H:%M:%S"]
MAX_ROWS = 50_000


class ImportFileError(Exception):
    """The file cannot be read as a table: the message says why, in French."""


@dataclass
class Table:
    header: list
    rows: list
    encoding: str = ""
    delimiter: str = ""


def _fold(text):
    import unicodedata

    text = unicodedata.normalize("NFKD", str(text or "")).encode("ascii", "ignore").decode().lower()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def read_table(data, filename):
    """The header and rows of an uploaded file (bytes); raises ImportFileError in French."""
    lower = (filename or "").lower()
    if lower.endswith((".xlsx", ".xlsm")):
        return _read_xlsx(data)
    if lower.endswith((".csv", ".txt")):
        return _read_csv(data)
    raise ImportFileError(_("Ce fichier n'est ni un CSV ni un classeur Excel (.xlsx)."))


def _read_xlsx(data):
    if not data.startswith(b"PK\x03\x04") or not zipfile.is_zipfile(io.BytesIO(data)):
        raise ImportFileError(
            _("Ce fichier .xlsx n'est pas un classeur Excel valide : enregistrez-le à nouveau depuis votre tableur.")
        )
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        values = [list(row) for row in sheet.iter_rows(values_only=True)]
        workbook.close()
    except Exception as error:  # noqa: BLE001 — openpyxl raises many kinds for a broken file
        raise ImportFileError(
            _("Ce fichier .xlsx n'est pas un classeur Excel valide : enregistrez-le à nouveau depuis votre tableur.")
        ) from error
    values = [row for row in values if any(cell not in (None, "") for cell in row)]
    if not values:
        raise ImportFileError(_("Le fichier est vide."))
    header = [_cell(cell) for cell in values[0]]
    rows = [
        [cell if isinstance(cell, (datetime.date, datetime.datetime)) else _cell(cell) for cell in row]
        for row in values[1:]
    ]
    return Table(header, rows[:MAX_ROWS], "xlsx", "")


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _read_csv(data):
    head = data[:4096]
    if b"\x00" in head or head.startswith(b"PK\x03\x04") or head.startswith(b"%PDF"):
        raise ImportFileError(
            _("Ce fichier n'est pas un fichier CSV (texte) : exportez votre tableau en CSV ou en .xlsx.")
        )
    if data.startswith(b"\xef\xbb\xbf"):
        text, encoding = data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    else:
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            text, encoding = data.decode("cp1252", errors="replace"), "cp1252"
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") and ";" in first_line else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    values = [row for row in reader if any(cell.strip() for cell in row)]
    if not values:
        raise ImportFileError(_("Le fichier est vide."))
    header = [cell.strip() for cell in values[0]]
    rows = [[cell.strip() for cell in row] for row in values[1 : MAX_ROWS + 1]]
    return Table(header, rows, encoding, delimiter)


def guess_mapping(header):
    """{field: column index} guessed from the header names; unknown fields are left out.

    An exact name wins (« Téléphone »); then a header containing a known word (« Accord SMS »,
    « Date de naissance de l'adhérent »).
    """
    folded = [_fold(cell) for cell in header]
    mapping = {}
    for exact in (True, False):
        for name, _label, aliases, _required in FIELDS:
            if name in mapping:
                continue
            wanted = [_fold(alias) for alias in aliases]
            for index, cell in enumerate(folded):
                if index in mapping.values() or not cell:
                    continue
                if cell in wanted if exact else any(len(w) >= 4 and w in cell for w in wanted):
                    mapping[name] = index
                    break
    return mapping


def parse_birth_date(value, today):
    """A birth date from a cell (text or Excel date); raises ValidationError in French."""
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        result = value
    else:
        text = str(value or "").strip()
        if not text:
            raise ValidationError(_("Date de naissance manquante."))
        for fmt in DATE_FORMATS:
            try:
                result = datetime.datetime.strptime(text, fmt).date()
                break
            except ValueError:
                continue
        else:
            raise ValidationError(
                _("Date de naissance illisible « %(value)s » (attendu : JJ/MM/AAAA).") % {"value": text[:20]}
            )
    if result > today:
        raise ValidationError(_("Date de naissance dans le futur."))
    if result.year < 1900:
        raise ValidationError(_("Date de naissance invraisemblable."))
    return result


@dataclass
class RowResult:
    line: int
    values: dict
    errors: list = field(default_factory=list)
    #: Accepted but to check (a mobile outside the known ranges): shown in the preview.
    warnings: list = field(default_factory=list)
    member: dict = field(default_factory=dict)
    group_ids: list = field(default_factory=list)


@dataclass
class Validation:
    rows: list

    @property
    def valid(self):
        return [row for row in self.rows if not row.errors]

    @property
    def invalid(self):
        return [row for row in self.rows if row.errors]

    @property
    def warned(self):
        return [row for row in self.rows if row.warnings and not row.errors]


def validate(structure, table, mapping, today=None):
    """Check every row: required fields, phone, birth date, groups, duplicates (file and structure)."""
    today = today or timezone.localdate()
    missing = [name for name in REQUIRED if name not in mapping]
    if missing:
        labels = {name: str(label) for name, label, _aliases, _required in FIELDS}
        raise ImportFileError(
            _("Colonnes obligatoires non associées : %(columns)s.") % {"columns": ", ".join(labels[m] for m in missing)}
        )
    groups = {group.name.casefold(): group.pk for group in Group.objects.filter(structure=structure)}
    existing_phones = {}
    existing_identities = {}
    for pk, phone, key, birth_date in Member.objects.filter(structure=structure).values_list(
        "pk", "phone", "name_key", "birth_date"
    ):
        existing_phones[phone] = pk
        existing_identities[(key, birth_date)] = pk
    seen_phones, seen_identities = {}, {}
    results = []
    for offset, row in enumerate(table.rows):
        line = offset + 2  # 1-based, after the header
        values = {name: (row[index] if index < len(row) else "") for name, index in mapping.items()}
        result = RowResult(line=line, values={k: str(v) if v is not None else "" for k, v in values.items()})
        last_name = str(values.get("last_name") or "").strip()
        first_name = str(values.get("first_name") or "").strip()
        if not last_name:
            result.errors.append(_("Nom manquant."))
        if not first_name:
            result.errors.append(_("Prénom manquant."))
        phone = ""
        try:
            phone = normalize_mobile(str(values.get("phone") or "").strip())
        except ValidationError as error:
            result.errors.append(error.messages[0])
        else:
            if warning := unknown_range_warning(phone):
                result.warnings.append(warning)
        birth_date = None
        try:
            birth_date = parse_birth_date(values.get("birth_date"), today)
        except ValidationError as error:
            result.errors.append(error.messages[0])
        email = str(values.get("email") or "").strip()
        if email and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", email):
            result.errors.append(_("Adresse e-mail invalide « %(value)s ».") % {"value": email[:60]})
        group_ids = []
        for name in re.split(r"[,;|/]", str(values.get("groups") or "")):
            name = name.strip()
            if not name:
                continue
            if name.casefold() not in groups:
                result.errors.append(_("Groupe inconnu « %(name)s ».") % {"name": name[:40]})
            else:
                group_ids.append(groups[name.casefold()])
        key = name_key(last_name, first_name)
        identity = (key, birth_date)
        if phone and phone in existing_phones or birth_date and identity in existing_identities:
            result.errors.append(_("Doublon : cet adhérent existe déjà dans la structure."))
        elif phone and phone in seen_phones:
            result.errors.append(
                _("Doublon dans le fichier : même téléphone qu'à la ligne %(line)s.") % {"line": seen_phones[phone]}
            )
        elif birth_date and identity in seen_identities:
            result.errors.append(
                _("Doublon dans le fichier : même nom et date de naissance qu'à la ligne %(line)s.")
                % {"line": seen_identities[identity]}
            )
        if phone:
            seen_phones.setdefault(phone, line)
        if birth_date:
            seen_identities.setdefault(identity, line)
        if not result.errors:
            result.member = {
                "last_name": last_name[:100],
                "first_name": first_name[:100],
                "phone": phone,
                "birth_date": birth_date,
                "email": email[:254],
                "notes": str(values.get("notes") or "")[:2000],
                "consent": _fold(values.get("consent")) in YES,
                "name_key": key,
                "sort_name": sort_key(last_name, first_name),
            }
            result.group_ids = group_ids
        results.append(result)
    return Validation(results)


def _insert_rows(model, objects=(), *, columns=None, values=None):
    """INSERT rows with executemany: no per-object save machinery (10,000 rows in a blink).

    Either model ``objects`` (values converted by each field's ``get_db_prep_save``; the phones were
    already normalised to E.164 by the validation), or ready ``values`` for ``columns``.
    """
    if columns is None:
        fields = [f for f in model._meta.concrete_fields if not f.primary_key]
        columns = [f.column for f in fields]
        values = [[f.get_db_prep_save(getattr(obj, f.attname), connection) for f in fields] for obj in objects]
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(column) for column in columns)
    placeholders = ", ".join(["%s"] * len(columns))
    sql = f"INSERT INTO {table} ({names}) VALUES ({placeholders})"  # noqa: S608 (names from the model)
    with connection.cursor() as cursor:
        for start in range(0, len(values), 2000):
            cursor.executemany(sql, values[start : start + 2000])


@transaction.atomic
def import_valid_rows(structure, validation, author):
    """Create the members of every valid row in one transaction; returns how many were created."""
    now = timezone.now()
    rows = validation.valid
    members = [
        Member(
            structure=structure,
            created_by=author,
            consent_at=now if row.member["consent"] else None,
            created_at=now,
            updated_at=now,
            **row.member,
        )
        for row in rows
    ]
    _insert_rows(Member, members)
    # Phones are unique within a structure: they give back the new rows' ids in one query.
    ids = dict(Member.objects.filter(structure=structure, created_at=now).values_list("phone", "pk"))
    through = Member.groups.through
    links = [(ids[row.member["phone"]], gid) for row in rows for gid in set(row.group_ids)]
    _insert_rows(through, columns=["member_id", "group_id"], values=links)
    at = connection.ops.adapt_datetimefield_value(now)
    author_id = author.pk if author else None
    events = [
        (ids[row.member["phone"]], True, ConsentSource.IMPORT.value, at, author_id)
        for row in rows
        if row.member["consent"]
    ]
    _insert_rows(ConsentEvent, columns=["member_id", "given", "source", "at", "author_id"], values=events)
    return len(members)


def error_report(validation, header_labels):
    """CSV (UTF-8 with BOM, « ; ») of the rows in error, with their errors: opens in Excel."""
    names = [name for name in FIELD_NAMES if any(name in row.values for row in validation.rows)]
    header = [_("Ligne")] + [header_labels[name] for name in names] + [_("Erreurs")]
    rows = (
        [row.line] + [row.values.get(name, "") for name in names] + [" ".join(row.errors)] for row in validation.invalid
    )
    return csv_bytes(rows, header=header)
