"""Croissant Sud (seed 000): the Faubourg de Béthune's project « Insertion et valorisation des compétences des
habitants », its prototype's iterations and stages, its follow-up log and its economic-model note.

The seed names the structure, the theme, the period (25 November 2020 – 31 December 2021), the steps (ateliers
collaboratifs, temps forts, a sustainable social, economic and legal model carried by the inhabitants) and the
deliverables (compte-rendus, storytelling, note de présentation du modèle économique); the dated events below
fill that frame. Loading twice changes nothing.
"""

import datetime

from projets.builders import prototype_slug
from projets.choices import FollowUpKind, ProjectStatus, Stage
from projets.models import EconomicModelNote, FollowUpEntry, Iteration, Project, PrototypePage
from projets.services import change_stage

TITLE = "Insertion et valorisation des compétences des habitants"

ITERATIONS = [
    (
        datetime.date(2021, 3, 18),
        "Le répertoire des compétences habitantes",
        "Un tableau papier au centre social où chaque habitant inscrit ce qu'il sait faire et ce qu'il veut apprendre.",
        "Les habitants inscrivent plus volontiers une compétence quand un salarié ou un bénévole les y invite.",
        "Les savoir-faire cachés (couture, cuisine, réparation, traduction) sont nombreux ; les habitants hésitent à "
        "les appeler « compétences ».",
        "Passer du tableau à des cartes de compétences, remplies en binôme lors des ateliers.",
    ),
    (
        datetime.date(2021, 6, 10),
        "Les cartes de compétences et la première bourse d'échanges",
        "Des cartes illustrées et une bourse d'échanges lors d'un temps fort au Faubourg de Béthune.",
        "Trente-deux cartes remplies ; huit échanges conclus le jour même, dont deux rémunérés.",
        "La valorisation passe par la reconnaissance collective avant la rémunération.",
        "Préfigurer un collectif d'habitants qui porte la bourse, avec un modèle économique à étudier.",
    ),
]

FOLLOW_UPS = [
    (
        datetime.date(2020, 11, 30),
        FollowUpKind.CONTACT,
        "Réunion de lancement avec le coordinateur de territoire et le chargé de mission numérique : planning "
        "détaillé des interventions et liste des acteurs du territoire à associer.",
        None,
        "",
    ),
    (
        datetime.date(2021, 2, 4),
        FollowUpKind.PARTICIPATION,
        "Premier atelier collaboratif d'idéation : habitants, bénévoles, partenaires et salariés du centre social.",
        None,
        "",
    ),
    (
        datetime.date(2021, 4, 12),
        FollowUpKind.PROBLEM,
        "Les ateliers du soir mobilisent peu les parents : les horaires ne conviennent pas.",
        datetime.date(2021, 5, 3),
        "Ateliers déplacés le mercredi après-midi, avec un accueil des enfants par les bénévoles.",
    ),
    (
        datetime.date(2021, 9, 23),
        FollowUpKind.PARTICIPATION,
        "Atelier de préfiguration du modèle social, économique et juridique avec les habitants volontaires.",
        None,
        "",
    ),
]

NOTE_SECTIONS = {
    "summary": (
        "Le modèle préfiguré avec les habitants du Faubourg de Béthune permet l'émergence et l'expression des "
        "compétences habitantes individuelles, à potentiel rémunérateur ou non, sous l'impulsion de dynamiques "
        "collectives. Il est conçu pour être porté majoritairement par les habitants dès la fin de l'opération "
        "« Centres sociaux connectés 2.0 du Croissant Sud »."
    ),
    "offer": (
        "<p>Une <b>bourse des compétences habitantes</b> : un répertoire des savoir-faire des habitants, des "
        "cartes de compétences remplies en binôme, et une bourse d'échanges mensuelle au centre social.</p>"
        "<ul><li>échanges gratuits de savoir-faire entre habitants ;</li><li>petites prestations rémunérées "
        "(couture, cuisine, réparation, traduction) pour les associations et les habitants du quartier ;</li>"
        "<li>orientation vers l'insertion professionnelle quand une compétence peut devenir un métier.</li></ul>"
    ),
    "beneficiaries": (
        "<p>Les habitants du Faubourg de Béthune, en priorité ceux du quartier prioritaire ; les associations et "
        "les partenaires du territoire qui ont besoin de compétences de proximité.</p>"
    ),
    "costs": (
        "<p>Animation par un salarié du centre social à mi-temps la première année, puis au quart de temps ; "
        "impression des cartes et supports ; outil numérique simple de mise en relation ; salle du centre "
        "social mise à disposition.</p>"
    ),
    "resources": (
        "<p>Une part des prestations rémunérées reversée au collectif ; adhésions au collectif ; soutien du "
        "centre social (mise à disposition de la salle et du temps d'animation) ; financements de droit commun "
        "de l'insertion à solliciter.</p>"
    ),
    "partners": (
        "<p>Le centre social du Faubourg de Béthune et l'association Projet ; le centre social et culturel de "
        "l'Arbrisseau, porteur de l'opération ; les acteurs sociaux et associations du territoire mis en réseau "
        "autour du projet.</p>"
    ),
    "sustainability": (
        "<p>Un <b>collectif d'habitants</b> reprend l'animation de la bourse à la fin de l'opération, "
        "accompagné par le centre social ; la forme juridique (association d'habitants ou section du centre "
        "social) est choisie par le collectif au premier trimestre qui suit l'opération.</p>"
    ),
}


def load(programme, structures, themes):
    """The Croissant Sud project of the Faubourg de Béthune, linked to its prototype fiche."""
    structure = structures.get("faubourg-de-bethune")
    page = PrototypePage.objects.filter(slug=prototype_slug(TITLE)).first()
    if structure is None or page is None or "insertion" not in themes:
        return None
    project, _created = Project.objects.get_or_create(
        structure=structure,
        programme=programme,
        defaults={
            "title": TITLE,
            "status": ProjectStatus.IN_PROGRESS,
            "priority_theme": themes["insertion"],
            "secondary_theme": themes.get("valorisation-des-competences") or themes.get("pouvoir-d-agir"),
            "summary": (
                "Mettre en œuvre une solution de changement dans les domaines de l'insertion et du pouvoir d'agir "
                "des habitants sur le territoire d'intervention du Faubourg de Béthune."
            ),
        },
    )
    if page.project_id != project.pk:
        PrototypePage.objects.filter(pk=page.pk).update(project=project)
        page.project = project
    if not page.iterations.exists():
        for number, (date, title, mockup, observation, learnt, decided) in enumerate(ITERATIONS, start=1):
            Iteration.objects.create(
                page=page,
                number=number,
                date=date,
                title=title,
                mockup=mockup,
                observation=observation,
                learnt=learnt,
                decided=decided,
                tested_by="Habitants, bénévoles et salariés du centre social du Faubourg de Béthune",
            )
        change_stage(
            page, Stage.MOCKUP, reason="Le répertoire des compétences est testé en atelier.", date=ITERATIONS[0][0]
        )
        change_stage(
            page,
            Stage.PROTOTYPE,
            reason="Les cartes de compétences et la bourse d'échanges sont testées lors d'un temps fort.",
            date=ITERATIONS[1][0],
        )
    if not project.follow_ups.exists():
        for date, kind, text, resolved_on, resolution in FOLLOW_UPS:
            FollowUpEntry.objects.create(
                project=project, date=date, kind=kind, text=text, resolved_on=resolved_on, resolution=resolution
            )
    EconomicModelNote.objects.get_or_create(
        prototype=page,
        defaults={"title": "La bourse des compétences habitantes du Faubourg de Béthune", **NOTE_SECTIONS},
    )
    return project
