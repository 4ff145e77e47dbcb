"""Shared infrastructure every app uses: the PDF path, charts, caching, security, storage, uploads,
backup, phones, QR codes and task backends. Nothing here knows about workshops, projects, SMS or
funders' reporting: the apps above register what they contribute (see each app's ``AppConfig.ready``).
"""
