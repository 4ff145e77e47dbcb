"""Projects (team, profile, roadmap, follow-up log) and prototypes (fiches, iterations, replications)."""

from projets.models.economics import EconomicModelNote
from projets.models.projects import Action, Axis, FollowUpEntry, Milestone, Project, Roadmap, StructureProfile
from projets.models.prototypes import (
    Iteration,
    PrototypePage,
    PrototypeTag,
    SpecificationFunction,
    StageChange,
)
from projets.models.replications import Replication

__all__ = [
    "Action",
    "Axis",
    "EconomicModelNote",
    "FollowUpEntry",
    "Iteration",
    "Milestone",
    "Project",
    "PrototypePage",
    "PrototypeTag",
    "Replication",
    "Roadmap",
    "SpecificationFunction",
    "StageChange",
    "StructureProfile",
]
