"""The demo's pages of the Labo itinérant n°1: its compte-rendu (validated through the programme's workflow,
with a photo and quotes) and its end-of-labo quiz, answered per CCAS."""

from ateliers.builders import add_questionnaire, add_report
from ateliers.choices import QuestionnaireKind
from ateliers.demo.pictures import sticky_wall_png
from ateliers.models import QuestionnairePage, ReportPage
from ateliers.models.pages import STRUCTURE_KEY
from lab.validation import approve_step, submit_for_validation


def add_demo_report(context, programme, labo):
    slug = "compte-rendu-labo-itinerant-1"
    if labo is None or ReportPage.objects.filter(slug=slug).exists():
        return
    body = [
        {
            "type": "text",
            "value": "<p>Trois jours d'ateliers en sous-groupes thématiques et un forum collectif ont réuni les "
            "équipes projet des CCAS de Mayotte et de l'UDCCAS.</p>",
        },
        {
            "type": "photo",
            "value": {
                "image": context.image(
                    "Mur des thématiques du Labo itinérant n°1",
                    sticky_wall_png(
                        "Labo itinérant n°1 — thématiques retenues",
                        [
                            ("Accès aux droits", ["Permanences mobiles dans les villages", "Aide au numérique"]),
                            ("Parentalité", ["Lieu d'accueil parents-enfants", "Café des parents"]),
                            ("Mobilité", ["Transport solidaire vers les rendez-vous", "Covoiturage de proximité"]),
                            ("Isolement", ["Visites de convivialité", "Repérage avec les voisins"]),
                        ],
                    ),
                ).pk,
                "caption": "Le mur des thématiques à la fin du forum collectif (reconstitution pour la démonstration).",
            },
        },
        {
            "type": "decisions",
            "value": [
                "Chaque CCAS retient une thématique prioritaire et une thématique secondaire.",
                "Les feuilles de route seront mises à jour avant le labo n°2.",
            ],
        },
        {
            "type": "quote",
            "value": {"quote": "On repart avec un projet concret pour notre commune.", "author": "Un agent de CCAS"},
        },
        {
            "type": "quote",
            "value": {
                "quote": "Travailler avec les autres CCAS montre que nos difficultés se ressemblent, et les idées aussi.",
                "author": "Une directrice de CCAS",
            },
        },
        {
            "type": "next_steps",
            "value": [
                {
                    "action": "Intersession à distance avec chaque équipe projet",
                    "owner": "Équipe design",
                    "due": "2021-12-15",
                },
                {"action": "Préparer les maquettes à tester", "owner": "Équipes projet des CCAS", "due": "2022-02-28"},
            ],
        },
    ]
    # Written by the facilitation, submitted to the programme's validation, approved by the coordination
    # (the pilot): the page's history shows both.
    coordination = context.user("coordination", first_name="Claude", last_name="Coordination")
    facilitation = context.user("facilitation", first_name="Alix", last_name="Facilitation")
    report = add_report(
        programme,
        title="Compte-rendu du Labo itinérant n°1",
        slug=slug,
        workshop=labo,
        date=labo.end_date,
        summary="Synthèse des trois jours du premier labo itinérant : thématiques retenues, décisions, prochaines étapes.",
        body=body,
        publish=False,
        live=False,
    )
    report.save_revision(user=facilitation)
    submit_for_validation(report, facilitation)
    approve_step(report, coordination)


def add_demo_questionnaire(programme, labo):
    slug = "questionnaire-labo-itinerant-1"
    if labo is None or QuestionnairePage.objects.filter(slug=slug).exists():
        return
    page = add_questionnaire(
        programme,
        title="Questionnaire de fin de labo n°1",
        slug=slug,
        workshop=labo,
        kind=QuestionnaireKind.QUIZ,
        ask_structure=True,
        intro="<p>Quelques questions pour améliorer les prochains labos (2 minutes). Vous indiquez votre CCAS : "
        "la synthèse présente les réponses par structure, jamais par personne.</p>",
        thank_you_text="<p>Merci ! Vos réponses nourrissent la préparation du labo n°2.</p>",
        questions=[
            {
                "label": "Satisfaction globale",
                "field_type": "radio",
                "choices": "1\n2\n3\n4\n5",
                "help_text": "1 : pas du tout satisfait·e, 5 : très satisfait·e",
            },
            {
                "label": "Combien de demi-journées compte un labo ?",
                "field_type": "radio",
                "choices": "4\n6\n8",
                "correct_answer": "6",
                "points": 1,
            },
            {"label": "Ce que vous retenez", "field_type": "multiline", "required": False},
        ],
    )
    fields = {f.sort_order: f.clean_name for f in page.form_fields.all()}
    submission_class = page.get_submission_class()
    retained = ["La méthode du design", "Le forum collectif", "", "Les échanges entre CCAS", ""]
    structures = [str(pk) for pk in labo.registrations.values_list("structure_id", flat=True).distinct()[:4]]
    for n in range(12):
        data = {fields[0]: str(3 + n % 3), fields[1]: "6" if n % 4 else "8", fields[2]: retained[n % 5]}
        if structures:
            data[STRUCTURE_KEY] = structures[n % len(structures)]
        submission_class.objects.create(page=page, form_data=data)
