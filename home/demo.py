"""Methodological tools of the commons from the methods the calls for tender describe."""

from home.builders import add_tool
from home.models import ToolKind, ToolPage
from lab.models import ProgrammePage

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


def reset():
    for page in ToolPage.objects.all():
        page.delete()


def load(context):
    created = 0
    for programme_key, title, kind, summary, steps, tags in TOOLS:
        programme = ProgrammePage.objects.filter(slug=programme_key).first()
        if programme is None or ToolPage.objects.filter(title=title).exists():
            continue
        add_tool(
            programme,
            title=title,
            tool_kind=kind,
            summary=summary,
            body=[("steps", steps)],
            territory=programme.territories.order_by("level").first(),
            themes=programme.themes.all()[:3],
            tags=tags,
        )
        created += 1
    context.log(f"Commun : {ToolPage.objects.count()} outils méthodologiques ({created} créés).")
