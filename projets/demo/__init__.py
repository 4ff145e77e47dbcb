"""The projets part of the demo, from the seeds.

- Design PALAS (seed 003): projects of several Mayotte CCAS with their team, priority and secondary
  themes, fiche de données, feuille de route and fiche de suivi (contacts, relances, a problem).
- Centres sociaux connectés MEL 2018 (seed 002): the Alertes SMS prototype of Chemin Rouge, its
  phase 1 and phase 2 as iterations, and its specification (every phase 2 item as a function).
- Centres sociaux connectés Lille-Roubaix-Tourcoing 2017 (seed 004): the seed names no prototype, so
  the titles below are invented from its themes (lien social, pouvoir d'agir, parentalité, accès aux
  droits) and marked « (démo) ». One of them is replicated in Valenciennes-area centres (seed 001).

Every object is looked up by a natural key first, so loading twice changes nothing.
"""

import datetime

from ateliers.models import SubGroup
from lab.choices import PersonRole
from lab.demo.reader import read
from lab.models import Person, ProgrammePage, Structure, Theme
from projets.builders import get_or_add_prototype, prototype_slug, publish_prototype
from projets.choices import ActionStatus, FollowUpKind, Priority, ReplicationStatus, Stage
from projets.demo import croissant_sud
from projets.models import (
    Action,
    Axis,
    EconomicModelNote,
    FollowUpEntry,
    Iteration,
    Milestone,
    Project,
    PrototypePage,
    Replication,
    Roadmap,
    SpecificationFunction,
    StructureProfile,
)

#: The stage names used in ``data/prototypes.toml`` (French), mapped to ours.
SEED_STAGES = {
    "idee": Stage.IDEA,
    "maquette": Stage.MOCKUP,
    "prototype": Stage.PROTOTYPE,
    "experimentation": Stage.EXPERIMENT,
    "perennise": Stage.SUSTAINED,
    "essaime": Stage.REPLICATED,
}
REPLICATED_IN = ["acsrv", "mq-beaujardin", "cs-dutemple", "csc-la-briquette"]


def reset():
    Replication.objects.all().delete()
    for page in PrototypePage.objects.all():
        page.delete()
    EconomicModelNote.objects.all().delete()
    for model in (FollowUpEntry, Action, StructureProfile, Roadmap, Project):
        model.objects.all().delete()


def load(context):
    programmes = {p.slug: p for p in ProgrammePage.objects.all()}
    structures = {s.slug: s for s in Structure.objects.all()}
    themes = {t.slug: t for t in Theme.objects.all()}
    coordinator = context.user("coordination")
    palas = programmes.get("design-palas-labo-2021")
    if palas:
        for index, row in enumerate(read(__file__, "projects")["mayotte"]):
            if row[0] in structures:
                _mayotte_project(palas, structures[row[0]], themes, row, index, coordinator)
    mel = programmes.get("csc-mel-2018")
    if mel and "chemin-rouge" in structures:
        _alertes_sms(mel, structures, themes)
    for data in read(__file__, "prototypes")["prototype"]:
        if data["title"] != "Alertes SMS" and data["programme"] in programmes:
            _seed_prototype(programmes[data["programme"]], structures.get(data["structure"]), themes, data)
    croissant = programmes.get("croissant-sud-2020")
    if croissant:
        croissant_sud.load(croissant, structures, themes)
    lille = programmes.get("csc-lrt-2017")
    if lille:
        for row in read(__file__, "projects")["lille_2017"]:
            page = _lille_prototype(lille, structures, themes, row)
            if page.stage == Stage.REPLICATED:
                _replications(page, structures)
        _link_hackathon_teams(lille)
    context.log(
        f"Projets : {Project.objects.count()} projets, {PrototypePage.objects.count()} fiches prototypes, "
        f"{Replication.objects.count()} essaimages."
    )


def _link_hackathon_teams(programme):
    """The 2017 hackathon's teams work on the demo prototypes: link each team to the fiche it names."""
    pages = {page.title: page for page in PrototypePage.objects.descendant_of(programme)}
    for team in SubGroup.objects.filter(workshop__programme=programme, prototype_page__isnull=True):
        if team.prototype in pages:
            team.prototype_page = pages[team.prototype]
            team.save(update_fields=["prototype_page"])


def _team(structure):
    people = list(structure.people.order_by("pk")[:3])
    agent = next((p for p in people if p.role == PersonRole.AGENT), None)
    if agent is None:
        agent = Person.objects.create(
            first_name="Référent", last_name="Démo", structure=structure, role=PersonRole.AGENT
        )
        people = [agent, *people[:2]]
    return people, agent


def _mayotte_project(programme, structure, themes, row, index, author):
    _key, title, priority, secondary, status = row
    project = Project.objects.filter(structure=structure, programme=programme).first()
    if project is not None:
        return project
    team, referent = _team(structure)
    project = Project.objects.create(
        structure=structure,
        programme=programme,
        title=title,
        status=status,
        priority_theme=themes[priority],
        secondary_theme=themes.get(secondary),
        summary=(
            f"Projet expérimenté par {structure.name} pendant les labos itinérants (thématique prioritaire), "
            f"avec un projet proposé sur la thématique secondaire."
        ),
        referent=referent,
    )
    project.team.set(team)
    profile = StructureProfile.objects.create(
        project=project,
        diagnostic=(
            "Synthèse du diagnostic PASS PALAS : forte demande d'accompagnement aux démarches, population jeune, "
            "peu de services de proximité dans les villages éloignés."
        ),
        resources="Deux agents d'accueil, une salle au centre communal, un véhicule partagé avec la mairie.",
        strengths="Connaissance fine des familles, relais des associations de village.",
        weaknesses="Peu de temps dégagé pour le projet, connexion internet instable.",
        partners="Mairie, CAF de Mayotte, associations de quartier, UDCCAS.",
        filled_on=datetime.date(2021, 10, 4) + datetime.timedelta(days=index),
    )
    profile.chosen_themes.set([t for t in (themes.get(priority), themes.get(secondary)) if t])
    roadmap = Roadmap.objects.create(
        project=project,
        lessons="Les premiers tests montrent qu'un rendez-vous fixe chaque semaine rassure les habitants.",
    )
    axes = [
        ("Comprendre les besoins", ["Rencontrer dix familles", "Restituer le diagnostic à l'équipe"]),
        ("Prototyper et tester", ["Maquetter le service avec les agents", "Tester sur deux villages"]),
        ("Faire vivre le projet", ["Présenter le projet au conseil d'administration"]),
    ]
    start = datetime.date(2021, 11, 1)
    for order, (axis_title, actions) in enumerate(axes):
        axis = Axis.objects.create(roadmap=roadmap, title=axis_title, sort_order=order)
        for n, action_title in enumerate(actions):
            due = start + datetime.timedelta(days=45 * order + 20 * n)
            done = order == 0 or (order == 1 and n == 0 and index % 2 == 0)
            Action.objects.create(
                axis=axis,
                title=action_title,
                owner=team[(order + n) % len(team)],
                due_date=due,
                status=ActionStatus.DONE if done else (ActionStatus.IN_PROGRESS if order == 1 else ActionStatus.TODO),
                done_on=due if done else None,
            )
    Milestone.objects.create(
        roadmap=roadmap, title="Labo itinérant n°1", date=datetime.date(2021, 11, 15), reached=True
    )
    Milestone.objects.create(roadmap=roadmap, title="Forum collectif", date=datetime.date(2022, 3, 10))
    entries = [
        (datetime.date(2021, 10, 4), FollowUpKind.CONTACT, "Rencontre d'immersion avec l'équipe projet.", None),
        (
            datetime.date(2021, 11, 16),
            FollowUpKind.PARTICIPATION,
            "Deux agents présents aux trois jours du labo.",
            None,
        ),
        (datetime.date(2021, 12, 1), FollowUpKind.QUESTION, "Comment associer les élus au prochain test ?", None),
        (datetime.date(2021, 12, 3), FollowUpKind.ANSWER, "Proposer une visite du test en fin de séance.", None),
        (
            datetime.date(2022, 1, 10),
            FollowUpKind.REMINDER,
            "Relancer pour la feuille de route mise à jour.",
            datetime.date(2022, 1, 20),
        ),
    ]
    if index % 2 == 0:
        entries.append(
            (
                datetime.date(2022, 1, 12),
                FollowUpKind.PROBLEM,
                "La salle prévue pour le test n'est plus disponible.",
                None,
            )
        )
    for date, kind, text, scheduled in entries:
        FollowUpEntry.objects.create(
            project=project, date=date, kind=kind, text=text, scheduled_for=scheduled, author=author
        )
    if index % 2 == 0:  # a problem met and solved, beside the one still open
        FollowUpEntry.objects.create(
            project=project,
            date=datetime.date(2021, 11, 22),
            kind=FollowUpKind.PROBLEM,
            text="Pas de connexion internet dans la salle du CCAS pour tester le service.",
            resolved_on=datetime.date(2021, 12, 6),
            resolution="La mairie prête une clé 4G ; les tests ont lieu dans la salle du conseil.",
            author=author,
        )
    return project


def _publish(page, themes, theme_slugs, tags, first_stage_date):
    """Publish a new demo prototype with the themes of ``theme_slugs`` (those the demo has)."""
    publish_prototype(
        page, themes=[themes[s] for s in theme_slugs if s in themes], tags=tags, first_stage_date=first_stage_date
    )


def _alertes_sms(programme, structures, themes):
    data = next(p for p in read(__file__, "prototypes")["prototype"] if p["title"] == "Alertes SMS")
    structure = structures["chemin-rouge"]

    def build():
        return PrototypePage(
            title="Alertes SMS",
            summary="Des rappels par SMS des dates administratives et des actualités du centre social.",
            need=data["need"],
            audience=(
                "Les adhérents du centre social qui ont besoin d'un accompagnement dans leurs démarches, "
                "et les référentes familles qui les suivent."
            ),
            solution=data["solution"].split("\n")[0],
            stage=Stage.PROTOTYPE,
            structure=structure,
            territory=structure.territory,
            team="Le chargé d'animation et d'innovation numérique du Chemin Rouge, les référentes familles, "
            "des adhérents testeurs.",
            resources_costs="Phase 2 : prestation de développement d'un mois, 6 082 € TTC au plus.",
            economic_model=(
                "Outil mutualisé entre centres sociaux : chaque structure paie ses SMS, l'hébergement est "
                "porté par le réseau. Les fichiers sont ouverts (licence libre) pour que d'autres l'installent."
            ),
            related_workshops="Ateliers collaboratifs des centres sociaux de Lille Sud (2018-2019).",
            spec_context=(
                "Le centre social du Chemin Rouge porte une solution qui permet aux référentes familles de mieux "
                "accompagner les adhérents. Elle n'a pas pour objet de remplacer les missions du travailleur social "
                "ni de réaliser des envois massifs."
            ),
            spec_users=(
                "Administrateurs généraux ; administrateur de chaque structure ; animateurs et travailleurs sociaux ; "
                "adhérents destinataires des messages."
            ),
            spec_constraints="Plateforme responsive, accessible à distance via une application web.",
            spec_data=(
                "Fiche adhérent : nom, prénom, courriel, téléphone, date de naissance, groupes, case d'autorisation "
                "« j'accepte que le centre social m'envoie des SMS et des newsletters »."
            ),
            spec_accessibility="Interface utilisable au clavier et sur téléphone, textes lisibles (RGAA).",
            spec_hosting="Hébergement du service sms.connectes.eu ; fichiers sources ouverts remis au centre social.",
            spec_budget="6 082 € TTC au plus pour la phase 2 (honoraires et frais compris).",
            # The fiche presents the module of this site (« Le logiciel »: code, notice, install guide).
            software="alertes",
            # A demo contact (the call for tender names none): messages go to a demo address.
            contact_name="Équipe Alertes SMS (démo)",
            contact_role="Chargé d'animation et d'innovation numérique",
            contact_email="alertes-sms@exemple.invalid",
        )

    page, created = get_or_add_prototype(programme, "alertes-sms", build)
    if not created:
        return page
    page.iterations.add(
        Iteration(
            number=1,
            date=datetime.date(2018, 6, 1),
            title="Phase 1 : la plateforme",
            mockup="Back office des administrateurs, fiches adhérents, groupes d'envoi (petite-enfance, jeunesse, rsa, culture).",
            observation="Les référentes familles programment les envois ; les statistiques par structure sont suivies.",
            user_feedback="Doublons d'inscription, groupes des autres structures visibles, pas d'import de fichier.",
            corrections="Liste des améliorations de la phase 2 établie avec les deux centres sociaux.",
            tested_by="Référentes familles du Chemin Rouge et de l'Arbrisseau",
            learnt="L'outil rend service s'il reste ciblé : pas d'envois massifs.",
            decided="Lancer la phase 2 (appel d'offres d'août 2019).",
        ),
        Iteration(
            number=2,
            date=datetime.date(2019, 10, 1),
            title="Phase 2 : les améliorations",
            mockup="Front admin et front utilisateur revus (voir le cahier des charges).",
            observation="Tests d'import de fichiers Excel et CSV, envois à plusieurs groupes.",
            corrections="Doublons bloqués avec redirection, tri alphabétique, date de naissance à l'inscription.",
            tested_by="Chargés d'animation et d'innovation numérique",
            decided="Rédiger la notice d'utilisation et publier les fichiers open source.",
        ),
    )
    for order, (group, title) in enumerate(read(__file__, "projects")["alertes_sms_phase_2"]):
        priority = Priority.SHOULD if "logo" in title or "accueil" in title else Priority.MUST
        page.spec_functions.add(SpecificationFunction(group=group, title=title, priority=priority, sort_order=order))
    _publish(page, themes, data["themes"], ["SMS", "rappels", "accès aux droits"], datetime.date(2018, 6, 1))
    return page


def _seed_prototype(programme, structure, themes, data):
    slug = prototype_slug(data["title"])
    page, created = get_or_add_prototype(
        programme,
        slug,
        lambda: PrototypePage(
            title=data["title"],
            need=data["need"],
            solution=data["solution"],
            stage=SEED_STAGES.get(data["stage"], Stage.IDEA),
            structure=structure,
            territory=structure.territory if structure else None,
        ),
    )
    if created:
        _publish(page, themes, data.get("themes", []), ["insertion"], programme.start_date)
    return page


def _lille_prototype(programme, structures, themes, row):
    key, title, need, solution, stage, theme_slugs = row
    structure = structures.get(key)
    page, created = get_or_add_prototype(
        programme,
        prototype_slug(title),
        lambda: PrototypePage(
            title=title,
            summary="Prototype de démonstration inventé à partir des thématiques du hackathon de 2017.",
            need=need,
            audience="Habitants, bénévoles et salariés du centre social.",
            solution=solution,
            stage=stage,
            structure=structure,
            territory=structure.territory if structure else None,
            related_workshops="Hackathon « Centres sociaux connectés », La Condition Publique, Roubaix, 3-4 novembre 2017.",
        ),
    )
    if created:
        page.iterations.add(
            Iteration(
                number=1,
                date=datetime.date(2017, 9, 20),
                title="Maquette papier",
                mockup="Maquette papier testée à l'accueil du centre social.",
                observation="Les habitants comprennent l'idée en moins d'une minute.",
                user_feedback="« Il faudrait que ce soit aussi sur le téléphone. »",
                corrections="Ajout d'une version mobile.",
                tested_by="Habitants et bénévoles",
            ),
            Iteration(
                number=2,
                date=datetime.date(2017, 11, 4),
                title="Prototype du hackathon",
                mockup="Version web développée pendant le hackathon.",
                learnt="Un bénévole référent est nécessaire pour alimenter l'outil.",
                decided="Expérimenter trois mois au centre social.",
            ),
        )
        _publish(page, themes, theme_slugs, ["hackathon 2017", "démo"], datetime.date(2017, 9, 1))
    return page


def _replications(page, structures):
    for n, key in enumerate(REPLICATED_IN):
        structure = structures.get(key)
        if structure is None or Replication.objects.filter(prototype=page, structure=structure).exists():
            continue
        Replication.objects.create(
            prototype=page,
            structure=structure,
            status=[ReplicationStatus.RUNNING, ReplicationStatus.TESTING, ReplicationStatus.INTERESTED][n % 3],
            started_on=datetime.date(2021, 9, 1) + datetime.timedelta(days=30 * n),
            is_approved=True,
        )
    if not Replication.objects.filter(prototype=page, from_public_form=True).exists():
        Replication.objects.create(
            prototype=page,
            structure_name="Centre social de démonstration",
            city="Denain",
            contact_name="Camille Exemple",
            email="camille.exemple@exemple.invalid",
            message="Nous voulons essaimer ce prototype dans notre accueil de loisirs.",
            from_public_form=True,
        )
