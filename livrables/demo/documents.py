"""The demo's documents: the narrative bilan of Design PALAS (seed 003), the storytelling of the Croissant Sud
project (seed 000) and a storytelling chapter with a photo for a Design PALAS CCAS (shown in the livret too).

Names and wording come from the seeds; the narrative reports what the demo's own data shows."""

from ateliers.demo.pictures import sticky_wall_png
from lab.models import ProgrammePage
from livrables.models import ReviewNarrative, ReviewStructureParagraph, Story
from projets.models import Project

PALAS_NARRATIVE = {
    "context": (
        "<p>Après le succès de son programme « PASS PALAS » mis en œuvre à Mayotte en 2017/2018, l'UNCCAS met en "
        "place le projet « DESIGN-PALAS ». Son action 3, le <b>Labo des solutions innovantes et de la dynamique "
        "collaborative de projets</b>, a pour ambition de faire de Mayotte un laboratoire des solutions innovantes "
        "et de la dynamique collaborative de projets, au plus près des besoins des 17 communes du territoire.</p>"
    ),
    "activities": (
        "<p>L'immersion a permis de rencontrer les CCAS et l'UDCCAS, de préparer avec chacun les ateliers et de "
        "constituer les équipes projet. Le kick-off meeting a réuni CCAS, collectivités, UDCCAS et partenaires "
        "locaux. Le premier labo itinérant a tenu trois jours d'ateliers en sous-groupes thématiques et un forum "
        "collectif.</p>"
    ),
    "results": (
        "<p>Chaque CCAS engagé a retenu une thématique prioritaire et une thématique secondaire et dispose d'une "
        "feuille de route. Les agents passent du rôle d'auditeurs à celui de <b>démultiplicateurs de "
        "compétences</b> : ils présentent eux-mêmes leur projet au forum collectif.</p>"
    ),
    "difficulties": (
        "<p>Le contexte sanitaire a imposé de prévoir des solutions à distance pour chaque phase ; la disponibilité "
        "des agents, pris par leurs missions quotidiennes, limite le temps consacré aux projets entre deux labos.</p>"
    ),
    "outlook": (
        "<p>Les intersessions à distance accompagnent chaque équipe projet jusqu'au labo suivant, où les maquettes "
        "seront testées. Le forum collectif final présentera les projets aux élus et aux partenaires, pour que la "
        "dynamique collaborative se poursuive après le programme.</p>"
    ),
}

PALAS_PARAGRAPHS = {
    "CCAS de Koungou": (
        "<p>L'équipe projet a engagé une analyse des besoins sociaux partagée avec les services communaux et les "
        "associations du quartier ; le lien social en est la thématique secondaire.</p>"
    ),
    "CCAS de Mamoudzou": (
        "<p>Le CCAS prépare un accueil social unique et itinérant, pensé avec les agents d'accueil ; la "
        "dématérialisation des démarches en est la thématique secondaire.</p>"
    ),
    "CCAS de Sada": (
        "<p>Les ateliers de parentalité au village partent des attentes des familles recueillies pendant "
        "l'immersion.</p>"
    ),
}

CROISSANT_CHAPTERS = [
    (
        "Le point de départ",
        "<p>L'association Projet, qui représente le centre social du Faubourg de Béthune, s'engage dans la troisième "
        "phase de l'opération « Centres sociaux connectés 2.0 du Croissant Sud » autour d'une thématique : "
        "<b>insertion et valorisation des compétences des habitants</b>.</p>",
        None,
    ),
    (
        "Des ateliers avec tout le quartier",
        "<p>Habitants, partenaires, bénévoles et salariés du centre social se retrouvent dans des ateliers "
        "collaboratifs d'idéation, de co-design et de prototypage. Au fil des séances, des savoir-faire jusque-là "
        "invisibles apparaissent : couture, cuisine, réparation, traduction.</p>",
        (
            "Mur des compétences habitantes du Faubourg de Béthune",
            "Faubourg de Béthune — les compétences des habitants",
            [
                ("Savoir-faire", ["Couture et retouches", "Cuisine du monde"]),
                ("À partager", ["Réparation de vélos", "Traduction arabe–français"]),
                ("À apprendre", ["Démarches en ligne", "Prise de parole"]),
            ],
            "Le mur des compétences à la fin d'un atelier collaboratif (reconstitution pour la démonstration).",
        ),
    ),
    (
        "Vers un modèle porté par les habitants",
        "<p>Le répertoire devient des cartes de compétences, puis une bourse d'échanges. Reste à préfigurer un "
        "modèle social, économique et juridique durable, porté in fine majoritairement par les habitants : c'est "
        "l'objet de la note de modèle économique.</p>",
        None,
    ),
]


def reset():
    ReviewNarrative.objects.all().delete()


def load(context):
    _palas_narrative()
    croissant = ProgrammePage.objects.filter(slug="croissant-sud-2020").first()
    project = Project.objects.filter(programme=croissant, structure__slug="faubourg-de-bethune").first()
    if project is not None and not Story.objects.filter(project=project).exists():
        Story.objects.create(
            project=project,
            title="Faubourg de Béthune : les compétences des habitants, l'histoire du projet",
            introduction=(
                "Comment un centre social et les habitants de son quartier ont fait émerger, reconnu et valorisé les "
                "compétences de chacun, de l'émergence du besoin à la préfiguration d'une solution viable et pérenne."
            ),
            chapters=[_chapter(context, *chapter) for chapter in CROISSANT_CHAPTERS],
            conclusion=(
                "La suite : un collectif d'habitants reprend l'animation de la bourse des compétences, accompagné "
                "par le centre social, et la documentation d'essaimage permet à d'autres territoires de s'en saisir."
            ),
        )
    _palas_chapter(context)


def _chapter(context, title, text, picture):
    value = {"title": title, "text": text, "image": None, "caption": ""}
    if picture:
        image_title, heading, columns, caption = picture
        value["image"] = context.image(image_title, sticky_wall_png(heading, columns))
        value["caption"] = caption
    return ("chapter", value)


def _palas_narrative():
    programme = ProgrammePage.objects.filter(slug="design-palas-labo-2021").first()
    if programme is None or ReviewNarrative.objects.filter(programme=programme, start=None, end=None).exists():
        return
    narrative = ReviewNarrative.objects.create(programme=programme, **PALAS_NARRATIVE)
    structures = {structure.name: structure for structure in programme.structures.all()}
    for order, (name, text) in enumerate(PALAS_PARAGRAPHS.items()):
        if name in structures:
            ReviewStructureParagraph.objects.create(
                narrative=narrative, structure=structures[name], text=text, sort_order=order
            )


def _palas_chapter(context):
    """A chapter with a photo in the Koungou storytelling: the livret shows it among the programme's photos."""
    story = Story.objects.filter(project__structure__name="CCAS de Koungou").first()
    if story is None or story.chapters:
        return
    story.chapters = [
        _chapter(
            context,
            "Partager l'analyse des besoins sociaux",
            "<p>L'équipe projet du CCAS de Koungou a présenté son diagnostic aux services communaux et aux "
            "associations du quartier, puis recueilli leurs priorités sur un mur de post-it.</p>",
            (
                "Priorités de l'analyse des besoins sociaux de Koungou",
                "CCAS de Koungou — priorités partagées",
                [
                    ("Constats", ["Isolement des aînés", "Démarches difficiles"]),
                    ("Pistes", ["Visites de convivialité", "Permanence numérique"]),
                ],
                "Les priorités partagées avec les partenaires (reconstitution pour la démonstration).",
            ),
        )
    ]
    story.save()
