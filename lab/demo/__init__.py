"""The demo of the core domain, built from the seeds (`lab/demo/data/*.toml`, see `lab.demo.reader`).

Every object is looked up by a natural key before being created, so running the loader twice
changes nothing and keeps what people edited in between. People are invented (« Exemple »,
« Fictif »…) with addresses in the reserved ``.invalid`` domain: no real contact is copied.
"""

import datetime
import os
import secrets
from decimal import Decimal
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils.module_loading import module_has_submodule
from wagtail.images import get_image_model
from wagtail.models import Page

from lab import builders
from lab.choices import DirectPublishers, Gender, PersonRole, ProgrammeRoleKind, StructureRoleKind, Validators
from lab.demo import logos
from lab.demo.reader import read
from lab.models import (
    Funder,
    Person,
    ProgrammeFunder,
    ProgrammeLogo,
    ProgrammePage,
    ProgrammeRole,
    Structure,
    StructureMembership,
    Territory,
    Theme,
)
from lab.validation import apply_validation_policy

#: The project's own apps, in the order their demo parts load (each builds on the previous).
PROJECT_APPS = ["lab", "home", "ateliers", "projets", "livrables", "alertes"]

FAKE_FIRST_NAMES = [
    ("Camille", Gender.FEMALE),
    ("Dominique", Gender.MALE),
    ("Sacha", Gender.UNKNOWN),
    ("Nadia", Gender.FEMALE),
    ("Karim", Gender.MALE),
    ("Élodie", Gender.FEMALE),
    ("Mouhamadi", Gender.MALE),
    ("Zaharia", Gender.FEMALE),
    ("Yannick", Gender.MALE),
    ("Fatima", Gender.FEMALE),
]
FAKE_LAST_NAMES = ["Exemple", "Fictif", "Démo", "Modèle", "Témoin", "Essai", "Maquette", "Prototype"]
PEOPLE_ROLES = [PersonRole.AGENT, PersonRole.SALARIE, PersonRole.BENEVOLE, PersonRole.HABITANT, PersonRole.ELU]

HOME_TITLE = "Labo commun"
HOME_INTRO = (
    "Le commun des laboratoires d'innovation sociale : une ressource partagée, gérée collectivement "
    "par une communauté, accessible à toutes et à tous. Ateliers, prototypes, feuilles de route et "
    "guides d'essaimage des CCAS et des centres sociaux, pour que d'autres territoires s'en saisissent."
)

#: The publicity sentence of the FEDER operations of 2014-2020 (`publicity_operation` in programmes.toml).
FEDER_PUBLICITY_SENTENCE = (
    "L'opération « {operation} » est cofinancée par le FEDER dans le cadre du programme opérationnel "
    "FEDER 2014-2020 pour la Région Hauts-de-France."
)


class DemoContext:
    """What the demo loaders of every app share: output, images, the demo users."""

    def __init__(self, stdout):
        self.stdout = stdout
        self.project_dir = Path(settings.BASE_DIR)
        self.password = self._demo_password()
        self.created_admin = False

    def log(self, message):
        self.stdout.write(message)

    def _demo_password(self):
        password = os.environ.get("DEMO_PASSWORD")
        if password:
            return password
        path = Path(settings.BASE_DIR) / "var" / "demo-password.txt"
        if path.exists():
            return path.read_text().strip()
        path.parent.mkdir(parents=True, exist_ok=True)
        password = secrets.token_urlsafe(12)
        path.write_text(password + "\n")
        return password

    def image(self, title, png_bytes):
        """A Wagtail image with this title, created from ``png_bytes`` when missing."""
        image_model = get_image_model()
        existing = image_model.objects.filter(title=title).first()
        if existing:
            return existing
        from django.core.files.base import ContentFile

        filename = f"{title.lower().replace(' ', '-')[:60]}.png"
        image = image_model(title=title)
        image.file.save(filename, ImageFile(ContentFile(png_bytes), name=filename), save=False)
        image.save()
        return image

    def user(self, username, *, first_name="", last_name="", superuser=False):
        """A demo account with the demo password (created once; the password is kept afterwards)."""
        user_model = get_user_model()
        user = user_model.objects.filter(username=username).first()
        if user is None:
            user = user_model(
                username=username,
                first_name=first_name,
                last_name=last_name,
                email=f"{username}@exemple.invalid",
                is_staff=superuser,
                is_superuser=superuser,
            )
            user.set_password(self.password)
            user.save()
            if superuser:
                self.created_admin = True
        return user

    def report_admin(self):
        verb = "créé" if self.created_admin else "existant"
        self.log(
            f"Compte administrateur {verb} : {settings.DEMO_ADMIN_USERNAME} / {self.password} "
            f"— {settings.WAGTAILADMIN_BASE_URL}/admin/ (mot de passe dans var/demo-password.txt)"
        )


def reset_demo():
    """Erase the project's data, apps in reverse order, so that the demo loads from scratch."""
    with transaction.atomic():
        for name in reversed(PROJECT_APPS):
            app_config = apps.get_app_config(name)
            if module_has_submodule(app_config.module, "demo") and name != "lab":
                module = __import__(f"{name}.demo", fromlist=["reset"])
                if hasattr(module, "reset"):
                    module.reset()
        reset()


def reset():
    home = Page.objects.filter(depth=2).exclude(slug="home")
    for page in home:
        page.delete()
    for model in (ProgrammeRole, StructureMembership, Person):
        model.objects.all().delete()
    Structure.objects.all().delete()
    Territory.objects.filter(level="quartier").delete()
    for level in ("commune", "epci", "departement", "region"):
        Territory.objects.filter(level=level).delete()
    Funder.objects.all().delete()
    Theme.objects.all().delete()
    get_image_model().objects.filter(title__startswith="Logo ").delete()
    get_user_model().objects.filter(email__endswith="@exemple.invalid").delete()


def load(context):
    """Themes, funders, territories, structures, people, the five programmes and demo accounts."""
    admin = context.user(settings.DEMO_ADMIN_USERNAME, first_name="Admin", last_name="Démo", superuser=True)
    themes = {
        slug: Theme.objects.get_or_create(slug=slug, defaults={"name": name})[0]
        for slug, name in read(__file__, "themes")["themes"]
    }
    funders = _load_funders(context)
    territories = _load_territories()
    structures = _load_structures(territories)
    home = builders.home_page(intro=HOME_INTRO, publish=True, site_name=HOME_TITLE, replace_welcome=True)
    programmes = _load_programmes(context, home, themes, funders, territories, structures)
    _load_people(structures)
    _load_accounts(context, programmes, structures)
    for programme in programmes.values():
        apply_validation_policy(programme)
    context.log(
        f"Cœur : {len(programmes)} programmes, {len(structures)} structures, {len(territories)} territoires, "
        f"{Person.objects.count()} participants."
    )
    return admin


def _load_funders(context):
    funders = {}
    for data in read(__file__, "funders")["funder"]:
        funder, created = Funder.objects.get_or_create(
            name=data["name"],
            defaults={"short_name": data["short_name"], "kind": data["kind"], "website": data.get("website", "")},
        )
        if created or funder.logo_id is None:
            if data["kind"] == "eu":
                fund_name = data["name"].split("–", 1)[-1].strip() if "–" in data["name"] else data["name"]
                png = logos.eu_emblem_png(["UNION EUROPÉENNE", fund_name])
            else:
                png = logos.badge_png(data["short_name"] or data["name"][:12])
            funder.logo = context.image(f"Logo {data['short_name'] or data['name']}", png)
            funder.save(update_fields=["logo"])
        funders[data["short_name"]] = funder
    return funders


def structures_data():
    """The structures of structures.toml, then a CCAS per commune of its ``[ccas_per_commune]`` territory."""
    data = read(__file__, "structures")
    ccas = data["ccas_per_commune"]
    communes = [
        (key, name)
        for key, name, level, parent_key, _insee, _qpv in read(__file__, "territories")["territories"]
        if level == "commune" and parent_key == ccas["parent"]
    ]
    generated = [
        {
            "key": f"ccas-{key}",
            "name": f"CCAS d'{name}" if name[0] in "AEIOUYÉ" else f"CCAS de {name}",
            "kind": ccas["kind"],
            "city": name,
            "territory": key,
            "programmes": ccas["programmes"],
        }
        for key, name in communes
    ]
    return data["structure"] + generated


def publicity_sentence(data):
    """The programme's sentence: as written, or the FEDER sentence of its operation."""
    if "publicity_operation" in data:
        return FEDER_PUBLICITY_SENTENCE.format(operation=data["publicity_operation"])
    return data["publicity_sentence"]


def _load_territories():
    territories = {}
    for key, name, level, parent_key, insee, qpv in read(__file__, "territories")["territories"]:
        territory = Territory.objects.filter(slug=key).first()
        if territory is None:
            territory = Territory(slug=key, name=name, level=level, insee_code=insee or None, is_qpv=qpv)
            territory.parent = territories.get(parent_key)
            territory.full_clean()
            territory.save()
        territories[key] = territory
    return territories


def _load_structures(territories):
    structures = {}
    for data in structures_data():
        structure = Structure.objects.filter(slug=data["key"]).first()
        if structure is None:
            structure = Structure(
                slug=data["key"],
                name=data["name"],
                kind=data["kind"],
                address=data.get("address", ""),
                postcode=data.get("postcode", ""),
                city=data.get("city", ""),
                phone=data.get("phone", ""),
                email=data.get("email", ""),
                website=data.get("website", ""),
                territory=territories.get(data.get("territory")),
            )
            structure.full_clean()
            structure.save()
        structures[data["key"]] = structure
    return structures


def _load_programmes(context, home, themes, funders, territories, structures):
    programmes = {}
    eu_logo_funders = [f for f in funders.values() if f.kind == "eu"]
    for data in read(__file__, "programmes")["programme"]:
        programme = ProgrammePage.objects.filter(slug=data["key"]).first()
        if programme is None:
            # The EU emblem of the programme's fund comes first, then the other cofinanceurs' logos.
            programme_funders = [funders[short_name] for short_name, _role in data.get("funders", [])]
            ordered = sorted(programme_funders, key=lambda f: f not in eu_logo_funders)
            programme = builders.add_programme(
                home,
                data["title"],
                slug=data["key"],
                short_name=data["short_name"],
                reference=data.get("reference") or "",
                fund=data["fund"],
                operational_programme=data.get("operational_programme") or "",
                carrier=structures.get(data.get("carrier")),
                start_date=datetime.date.fromisoformat(data["start"]),
                end_date=datetime.date.fromisoformat(data["end"]),
                budget_ht=Decimal(data["budget_ht"]) if data.get("budget_ht") else None,
                budget_ttc=Decimal(data["budget_ttc"]) if data.get("budget_ttc") else None,
                summary=data.get("summary", ""),
                body="".join(
                    f"<p>{paragraph}</p>" for paragraph in data.get("description", "").split("\n\n") if paragraph
                ),
                publicity_sentence=publicity_sentence(data),
                direct_publishers=data.get("direct_publishers", DirectPublishers.COORDINATION),
                validators=data.get("validators", Validators.COORDINATION_FUNDERS),
                search_description=data.get("summary", "")[:250],
                funders=[
                    ProgrammeFunder(funder=funders[short_name], role=role, sort_order=order)
                    for order, (short_name, role) in enumerate(data.get("funders", []))
                ],
                themes=[themes[slug] for slug in data.get("themes", []) if slug in themes],
                territories=[territories[key] for key in data.get("territories", []) if key in territories],
                logos=[
                    ProgrammeLogo(image=funder.logo, label=funder.name, sort_order=order)
                    for order, funder in enumerate(f for f in ordered if f.logo_id)
                ],
            )
        for key in data.get("structures", []):
            if key in structures:
                structures[key].programmes.add(programme)
        programmes[data["key"]] = programme
    return programmes


def _load_people(structures):
    """Two or three invented people per structure, the first one an agent (the referent)."""
    for index, structure in enumerate(structures.values()):
        if structure.people.exists():
            continue
        count = 3 if structure.kind in {"ccas", "centre_social"} else 2
        for n in range(count):
            first_name, gender = FAKE_FIRST_NAMES[(index + n * 3) % len(FAKE_FIRST_NAMES)]
            last_name = FAKE_LAST_NAMES[(index + n) % len(FAKE_LAST_NAMES)]
            Person.objects.create(
                first_name=first_name,
                last_name=last_name,
                email=f"{first_name.lower()}.{last_name.lower()}.{structure.pk}@exemple.invalid",
                structure=structure,
                role=PEOPLE_ROLES[0] if n == 0 else PEOPLE_ROLES[(index + n) % len(PEOPLE_ROLES)],
                gender=gender,
            )


def _load_accounts(context, programmes, structures):
    """One account per role, so that each view can be tried as its users would see it."""
    first_programme = next(iter(programmes.values()))
    palas = programmes.get("design-palas-labo-2021", first_programme)
    croissant = programmes.get("croissant-sud-2020", first_programme)
    accounts = [
        ("coordination", "Claude", "Coordination", [(palas, ProgrammeRoleKind.COORDINATOR)], []),
        ("facilitation", "Alix", "Facilitation", [(p, ProgrammeRoleKind.FACILITATOR) for p in programmes.values()], []),
        ("financeur", "Morgane", "Financeur", [(croissant, ProgrammeRoleKind.FUNDER)], []),
    ]
    team_structure = croissant.carrier or next(iter(structures.values()))
    accounts.append(("equipe", "Lou", "Équipe", [], [(team_structure, StructureRoleKind.ADMIN)]))
    for username, first_name, last_name, programme_roles, memberships in accounts:
        user = context.user(username, first_name=first_name, last_name=last_name)
        for programme, role in programme_roles:
            ProgrammeRole.objects.get_or_create(user=user, programme=programme, role=role)
        for structure, role in memberships:
            StructureMembership.objects.get_or_create(user=user, structure=structure, defaults={"role": role})
