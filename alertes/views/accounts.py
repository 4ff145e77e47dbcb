"""The structure's settings and accounts (structure admins only)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from alertes import services
from alertes.forms import AccountForm, SettingsForm
from alertes.views.base import module_view


@module_view(admin_only=True)
def structure_settings(request, structure):
    rules = services.settings_for(structure)
    form = SettingsForm(request.POST or None, instance=rules)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Réglages enregistrés."))
        return redirect("alertes:home")
    return render(request, "alertes/settings_form.html", {"form": form})


@module_view(admin_only=True)
def account_list(request, structure):
    return render(request, "alertes/account_list.html", {"accounts": services.structure_accounts(structure)})


@module_view(admin_only=True)
def account_create(request, structure):
    form = AccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        user = services.create_account(
            structure,
            username=data["username"],
            first_name=data["first_name"],
            last_name=data["last_name"],
            email=data["email"],
            password=data["password1"],
            role=data["role"],
        )
        messages.success(request, _("Le compte « %(name)s » est créé.") % {"name": user.username})
        return redirect("alertes:home")
    return render(request, "alertes/account_form.html", {"form": form})
