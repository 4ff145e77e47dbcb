"""The one writer of every CSV and XLSX file the site produces: no cell is ever run as a formula.

A spreadsheet reads a cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return as a
formula (CSV or formula injection: ``=HYPERLINK("http://…","clic")`` typed in a public form). Every
text cell going out goes through :func:`cell_value`, which prefixes such a text with a single quote
(OWASP's advice), turns lazy translation strings, model instances and lists into text, and keeps
numbers, dates and booleans as they are: -3 stays the number -3.

- :func:`csv_bytes` / :class:`CsvWriter`: CSV text (UTF-8 with BOM and « ; » by default, as French
  spreadsheets open it);
- :class:`XlsxWorkbook`: an Excel workbook, sheet by sheet;
- :class:`SafeSpreadsheetExportMixin`: the same for Wagtail's list exports (``?export=csv`` and
  ``?export=xlsx`` of every viewset with ``list_export``, and of form submissions).
"""

import csv
import datetime
import io
import re
from decimal import Decimal

from django.utils import timezone
from django.utils.text import capfirst

#: A cell starting with one of these is read as a formula by spreadsheets.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
#: Values written as they are: numbers (``bool`` is an ``int``), dates and times.
KEPT_TYPES = (int, float, Decimal, datetime.date, datetime.time)
#: Characters an XLSX file cannot hold (control characters other than tab and line breaks).
ILLEGAL_CHARACTERS = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")
#: Characters a sheet's title cannot hold.
SHEET_TITLE_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def neutralise(text):
    """``text`` prefixed with a quote when a spreadsheet would run it as a formula."""
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def cell_value(value, *, xlsx=False, decimal_comma=False):
    """``value`` as a spreadsheet cell that is never a formula.

    ``None`` is an empty cell; numbers, dates and booleans are kept (in CSV, a ``Decimal`` is
    written with a decimal comma when ``decimal_comma``); anything else (lazy translations, model
    instances, lists) becomes text, neutralised. A time-zone aware datetime becomes local time in
    XLSX, which has no time zones.
    """
    if value is None:
        return None if xlsx else ""
    if isinstance(value, KEPT_TYPES):
        if isinstance(value, datetime.datetime) and xlsx and timezone.is_aware(value):
            return timezone.make_naive(value)
        if isinstance(value, Decimal) and decimal_comma and not xlsx:
            return str(value).replace(".", ",")
        return value
    if isinstance(value, (list, tuple, set, frozenset)):
        text = ", ".join(str(item) for item in value)
    else:
        text = str(value)
    if xlsx:
        text = ILLEGAL_CHARACTERS.sub("", text)
    return neutralise(text)


class CsvWriter:
    """Writes rows as CSV text, every cell through :func:`cell_value`.

    ``row()`` returns the line it wrote, for streamed responses; ``getvalue()`` the whole text.
    """

    def __init__(self, *, delimiter=";", decimal_comma=False):
        self._buffer = io.StringIO()
        self._writer = csv.writer(self._buffer, delimiter=delimiter)
        self._decimal_comma = decimal_comma
        self._lines = []

    def row(self, values):
        self._writer.writerow([cell_value(value, decimal_comma=self._decimal_comma) for value in values])
        line = self._buffer.getvalue()
        self._buffer.seek(0)
        self._buffer.truncate()
        self._lines.append(line)
        return line

    def rows(self, rows):
        for values in rows:
            self.row(values)

    def getvalue(self):
        return "".join(self._lines)


def csv_bytes(rows, *, header=None, delimiter=";", bom=True, decimal_comma=False):
    """A whole CSV file as bytes: UTF-8, with a BOM by default so that Excel keeps the accents."""
    writer = CsvWriter(delimiter=delimiter, decimal_comma=decimal_comma)
    if header is not None:
        writer.row(header)
    writer.rows(rows)
    return (("\ufeff" if bom else "") + writer.getvalue()).encode("utf-8")


def sheet_title(title):
    """``title`` as Excel accepts it for a sheet: no ``[]:*?/\\``, at most 31 characters."""
    return SHEET_TITLE_FORBIDDEN.sub(" ", str(title)).strip()[:31] or "Export"


class XlsxSheet:
    """One sheet of an :class:`XlsxWorkbook`; ``append()`` adds a row of values."""

    def __init__(self, worksheet):
        self.worksheet = worksheet

    def append(self, values, *, bold=False, number_formats=None):
        """Adds a row; ``number_formats`` gives, column by column, an Excel format or ``None``."""
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Font

        cells = []
        for index, value in enumerate(values):
            cell = WriteOnlyCell(self.worksheet, cell_value(value, xlsx=True))
            if bold:
                cell.font = Font(bold=True)
            number_format = number_formats[index] if number_formats and index < len(number_formats) else None
            if number_format:
                cell.number_format = number_format
            cells.append(cell)
        self.worksheet.append(cells)

    def extend(self, rows, **options):
        for values in rows:
            self.append(values, **options)


class XlsxWorkbook:
    """An Excel workbook written row by row (openpyxl's write-only mode), never with a formula."""

    def __init__(self):
        from openpyxl import Workbook

        self.workbook = Workbook(write_only=True, iso_dates=True)

    def sheet(self, title):
        return XlsxSheet(self.workbook.create_sheet(sheet_title(title)))

    def save(self, output):
        self.workbook.save(output)

    def to_bytes(self):
        output = io.BytesIO()
        self.save(output)
        return output.getvalue()


class SafeSpreadsheetExportMixin:
    """Mixin for a view using Wagtail's ``SpreadsheetExportMixin`` (put it first): its CSV and XLSX
    go through this module's writer. Wagtail's CSV format is kept (comma, no BOM)."""

    csv_delimiter = ","
    #: Dates and lists reach cell_value() as they are (aware datetimes in local time, not UTC).
    custom_value_preprocess = {
        (datetime.date, datetime.time): {"xlsx": None},
        (list, tuple): {"csv": None, "xlsx": None},
    }

    def write_csv_row(self, writer, row_dict):
        values = [self.preprocess_field_value(field, value, self.FORMAT_CSV) for field, value in row_dict.items()]
        return writer.row(values).encode("utf-8")

    def stream_csv(self, queryset):
        writer = CsvWriter(delimiter=self.csv_delimiter)
        yield writer.row([self.get_heading(queryset, field) for field in self.list_export]).encode("utf-8")
        for item in queryset:
            yield self.write_csv_row(writer, self.to_row_dict(item))

    def get_sheet_title(self):
        title = getattr(self, "verbose_name_plural", None) or getattr(self, "page_title", None)
        return capfirst(str(title or self.get_filename()))

    def write_xlsx(self, queryset, output):
        from wagtail.admin.views.mixins import ExcelDateFormatter

        workbook = XlsxWorkbook()
        sheet = workbook.sheet(self.get_sheet_title())
        sheet.append([self.get_heading(queryset, field) for field in self.list_export], bold=True)
        date_format = ExcelDateFormatter().get()
        for item in queryset:
            row = self.to_row_dict(item)
            values = [self.preprocess_field_value(field, value, self.FORMAT_XLSX) for field, value in row.items()]
            formats = [date_format if isinstance(value, datetime.datetime) else None for value in row.values()]
            sheet.append(values, number_formats=formats)
        workbook.save(output)


_safe_classes = {}


def safe_export_view(view_class):
    """``view_class`` writing its spreadsheet exports through this module (unchanged if it has none)."""
    if not hasattr(view_class, "as_spreadsheet") or issubclass(view_class, SafeSpreadsheetExportMixin):
        return view_class
    if view_class not in _safe_classes:
        _safe_classes[view_class] = type(f"Safe{view_class.__name__}", (SafeSpreadsheetExportMixin, view_class), {})
    return _safe_classes[view_class]


def protect_wagtail_exports():
    """Wagtail's own exporting views write through this module too (called from ``LabConfig.ready``).

    Our viewsets' lists (``lab.scope.ScopedViewSetMixin``) and the questionnaires' answers
    (``QuestionnairePage``) get the mixin where their views are built; the admin reports (site
    history, locked and aging pages, workflows) and the redirects are built by Wagtail's own URLconf,
    so their base classes gain it in place.
    """
    from wagtail.admin.views.reports.base import ReportView
    from wagtail.contrib.redirects.views import IndexView as RedirectIndexView

    for view_class in (ReportView, RedirectIndexView):
        if not issubclass(view_class, SafeSpreadsheetExportMixin):
            view_class.__bases__ = (SafeSpreadsheetExportMixin, *view_class.__bases__)
