"""Workshops, half-days, registrations, attendance, certificates, reports and questionnaires."""

from ateliers.models.certificates import Certificate, CertificateBatch, CertificateBatchPart
from ateliers.models.pages import QuestionField, QuestionnairePage, ReportPage
from ateliers.models.proofs import AttendanceChange, SignedSheet
from ateliers.models.registrations import Attendance, Registration
from ateliers.models.workshops import Session, SubGroup, Workshop

__all__ = [
    "Attendance",
    "AttendanceChange",
    "Certificate",
    "CertificateBatch",
    "CertificateBatchPart",
    "QuestionField",
    "QuestionnairePage",
    "Registration",
    "ReportPage",
    "SignedSheet",
    "Session",
    "SubGroup",
    "Workshop",
]
