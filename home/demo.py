"""The demo's home page, and methodological tools of the commons from the methods the calls for tender describe."""

from wagtail.models import Page, Site

from home.models import HomePage, ToolKind, ToolPage
from lab.models import ProgrammePage

HOME_TITLE = "Labo commun"
HOME_INTRO = (
    "Le commun des laboratoires d'innovation sociale : une ressource partagée, gérée collectivement "
    "par une communauté, accessible à toutes et à tous. Ateliers, prototypes, feuilles de route et "
    "guides d'essaimage des CCAS et des centres sociaux, pour que d'autres territoires s'en saisissent."
)

TOOLS = [
    (
        "design-palas-labo-2021",
        "Le format d'un labo de trois jours",
        ToolKind.WORKSHOP_FORMAT,
        "Trois jours pour passer d'un problème partagé à des solutions testables : ateliers en sous-groupes "
        "thématiques, puis un forum collectif où chaque CCAS présente ses pistes.",
        [
            "Jour 1 : partager les constats des immersions, choisir les problèmes à traiter.",
            "Jour 2 : ateliers en sous-groupes par thématique, idéation et premières maquettes.",
            "Jour 3 : forum collectif, chaque équipe présente, on décide des projets prioritaires et secondaires.",
            "Après le labo : feuille de route par CCAS et intersession à distance.",
        ],
        ["labo", "forum", "intersession"],
    ),
    (
        "csc-lrt-2017",
        "Fiche maquette : protocole de test avec les usagers",
        ToolKind.TEMPLATE,
        "Une grille pour tester une maquette avec des habitants : ce qu'on teste, ce qu'on observe, ce que les "
        "usagers en disent, ce qu'on corrige, et ce qu'on décide pour l'itération suivante.",
        [
            "Décrire la maquette et l'hypothèse testée.",
            "Observer l'usage sans aider, noter les blocages.",
            "Recueillir les retours des usagers avec leurs mots.",
            "Lister les corrections, décider de la suite.",
        ],
        ["maquette", "test utilisateur", "itération"],
    ),
    (
        "croissant-sud-2020",
        "Trame de compte-rendu d'un temps fort",
        ToolKind.TEMPLATE,
        "Ce que doit contenir chaque compte-rendu pour servir au storytelling et à l'essaimage : participants, "
        "déroulé, décisions, citations, prochaines étapes.",
        [
            "Qui était là (structures, rôles) et combien.",
            "Le déroulé en trois à cinq temps.",
            "Les décisions prises et les questions ouvertes.",
            "Deux ou trois citations de participants.",
            "Les prochaines étapes, avec un responsable et une date.",
        ],
        ["compte-rendu", "storytelling"],
    ),
]


def home_page():
    """The site's home page, created with the default site if missing (``lab.demo`` loads the programmes
    under it: registered with ``lab.demo.register_home_page`` in ``HomeConfig.ready``)."""
    home = HomePage.objects.first()
    root = Page.get_first_root_node()
    if home is None:
        home = root.add_child(instance=HomePage(title=HOME_TITLE, slug="accueil", intro=HOME_INTRO))
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name=HOME_TITLE)
    elif site.root_page_id != home.pk:
        welcome = site.root_page
        site.root_page = home
        site.site_name = HOME_TITLE
        site.save()
        if welcome.specific_class is Page and not welcome.get_children().exists():
            welcome.delete()
    return home


def reset():
    for page in ToolPage.objects.all():
        page.delete()


def load(context):
    created = 0
    for programme_key, title, kind, summary, steps, tags in TOOLS:
        programme = ProgrammePage.objects.filter(slug=programme_key).first()
        if programme is None or ToolPage.objects.filter(title=title).exists():
            continue
        tool = ToolPage(
            title=title,
            tool_kind=kind,
            summary=summary,
            body=[("steps", steps)],
            territory=programme.territories.order_by("level").first(),
        )
        programme.add_child(instance=tool)
        tool.themes = list(programme.themes.all()[:3])
        tool.tags.add(*tags)
        tool.save_revision().publish()
        created += 1
    context.log(f"Commun : {ToolPage.objects.count()} outils méthodologiques ({created} créés).")
