"""The core domain: programmes, funders, themes, territories, structures, people and roles."""

from lab.models.access import ProgrammeRole, StructureMembership
from lab.models.audit import AuditAction, AuditEvent
from lab.models.programmes import ProgrammeFunder, ProgrammeLogo, ProgrammePage
from lab.models.reference import Funder, Territory, Theme
from lab.models.structures import Person, Structure
from lab.models.workflows import OWN_SUBMISSION_MESSAGE, ProgrammeApprovalTask

__all__ = [
    "OWN_SUBMISSION_MESSAGE",
    "AuditAction",
    "AuditEvent",
    "Funder",
    "Person",
    "ProgrammeFunder",
    "ProgrammeLogo",
    "ProgrammeApprovalTask",
    "ProgrammePage",
    "ProgrammeRole",
    "Structure",
    "StructureMembership",
    "Territory",
    "Theme",
]
