"""Business rules of the ateliers, one module per concern: registrations, attendance (and its rates),
certificates, the attendance sheet, questionnaires, planning.

Views and tasks call these functions; each one says what it does in the facilitators' terms.
"""
