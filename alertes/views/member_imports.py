"""Importing members from a spreadsheet: upload, column mapping and preview, error report, confirmation."""

from django.contrib import messages
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from alertes import imports
from alertes.choices import ImportStatus
from alertes.forms import ImportUploadForm, MappingForm
from alertes.models import MemberImport
from alertes.views.base import module_view, scoped


@module_view
def import_upload(request, structure):
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        try:
            table = imports.read_table(data, upload.name)
        except imports.ImportFileError as error:
            form.add_error("file", str(error))
        else:
            pending = MemberImport(
                structure=structure,
                original_name=upload.name[:255],
                mapping=imports.guess_mapping(table.header),
                encoding=table.encoding,
                delimiter=table.delimiter,
                created_by=request.user,
            )
            pending.file.save(upload.name, ContentFile(data), save=False)
            pending.save()
            return redirect("alertes:import_preview", pk=pending.pk)
    return render(request, "alertes/import_upload.html", {"form": form})


def _load_import(request, structure, pk):
    pending = get_object_or_404(scoped(request, MemberImport, structure), pk=pk)
    with pending.file.open("rb") as handle:
        table = imports.read_table(handle.read(), pending.original_name)
    return pending, table


@module_view
def import_preview(request, structure, pk):
    pending, table = _load_import(request, structure, pk)
    initial = {name: str(index) for name, index in pending.mapping.items()}
    form = MappingForm(request.POST or None, header=table.header, initial=initial)
    if request.method == "POST" and form.is_valid():
        pending.mapping = form.mapping()
        pending.save(update_fields=["mapping"])
        return redirect("alertes:import_preview", pk=pending.pk)
    validation, error = None, None
    try:
        validation = imports.validate(structure, table, {k: int(v) for k, v in pending.mapping.items()})
    except imports.ImportFileError as problem:
        error = str(problem)
    labels = {name: label for name, label, _aliases, _required in imports.FIELDS}
    columns = [(name, labels[name]) for name in imports.FIELD_NAMES if name in pending.mapping]
    context = {
        "pending": pending,
        "table": table,
        "form": form,
        "error": error,
        "validation": validation,
        "columns": columns,
        "invalid_rows": validation.invalid[:200] if validation else [],
        "valid_rows": validation.valid[:20] if validation else [],
        "warned_rows": validation.warned[:200] if validation else [],
    }
    return render(request, "alertes/import_preview.html", context)


def _error_report(validation):
    labels = {name: label for name, label, _aliases, _required in imports.FIELDS}
    return imports.error_report(validation, labels)


@module_view
def import_errors(request, structure, pk):
    """The rows in error: as frozen at the import once it is done, as they stand before."""
    pending = get_object_or_404(scoped(request, MemberImport, structure), pk=pk)
    if pending.error_report:
        with pending.error_report.open("rb") as handle:
            report = handle.read()
    else:
        pending, table = _load_import(request, structure, pk)
        report = _error_report(imports.validate(structure, table, {k: int(v) for k, v in pending.mapping.items()}))
    response = HttpResponse(report, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="erreurs-import-{pending.pk}.csv"'
    return response


@module_view
@require_POST
def import_confirm(request, structure, pk):
    pending, table = _load_import(request, structure, pk)
    if pending.status != ImportStatus.PENDING:
        messages.error(request, _("Cet import a déjà été traité."))
        return redirect("alertes:member_list")
    try:
        validation = imports.validate(structure, table, {k: int(v) for k, v in pending.mapping.items()})
    except imports.ImportFileError as error:
        messages.error(request, str(error))
        return redirect("alertes:import_preview", pk=pending.pk)
    try:
        with transaction.atomic():
            count = imports.import_valid_rows(structure, validation, request.user)
            pending.status = ImportStatus.DONE
            pending.imported_count = count
            pending.error_count = len(validation.invalid)
            pending.error_report.save(
                f"erreurs-import-{pending.pk}.csv", ContentFile(_error_report(validation)), save=False
            )
            pending.save(update_fields=["status", "imported_count", "error_count", "error_report"])
    except IntegrityError:
        messages.error(
            request, _("Des adhérents ont été inscrits entre-temps : rien n'a été importé, revoyez l'aperçu.")
        )
        return redirect("alertes:import_preview", pk=pending.pk)
    messages.success(
        request,
        _("%(count)s adhérent(s) importé(s) ; %(errors)s ligne(s) écartée(s).")
        % {"count": count, "errors": len(validation.invalid)},
    )
    return redirect("alertes:member_list")
