"""Software a prototype fiche may present as a commons resource (« Le logiciel »).

A prototype can be a piece of software built in the project (the Alertes SMS module). The app that
holds the software (a higher layer: projets never imports it) registers it here from its own
``AppConfig.ready()``: its key, its French label, the links the fiche shows (code source, notice,
install guide…) and the files the replication kit adds. A site admin names the software of a real
fiche in the admin (``PrototypePage.software``, whose choices come from this registry).
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

#: Registered software, by key.
SOFTWARE = {}


@dataclass(frozen=True)
class Software:
    key: str
    label: str
    #: A callable returning ``[(French label, URL), …]``: only the links that exist (never a placeholder).
    links: object
    #: A callable returning ``[(file name, bytes), …]`` for the replication kit.
    kit_files: object = field(default=lambda: [])


def register_software(key, label, *, links, kit_files=None):
    """Make ``key`` a software a prototype fiche may name (``PrototypePage.software``)."""
    SOFTWARE[key] = Software(key, label, links, kit_files or (lambda: []))


def software_choices():
    """The choices of ``PrototypePage.software`` (a callable: the registry fills after the models load)."""
    return [(key, software.label) for key, software in SOFTWARE.items()]


def software_of(page):
    """The registered software a prototype fiche names, or None."""
    return SOFTWARE.get(page.software) if page.software else None


def tool_links(page):
    """``[(French label, URL)]`` a prototype fiche shows for its tool: the links of its own fields (code
    repository, demo, install guide), then those of its registered software not already given."""
    links = [
        (_("Dépôt du code"), page.code_url),
        (_("Démonstration"), page.demo_url),
        (_("Guide d'installation"), page.install_guide_url),
    ]
    links = [(str(label), url) for label, url in links if url]
    software = software_of(page)
    if software:
        known = {url for _label, url in links}
        links += [(str(label), url) for label, url in software.links() if url not in known]
    return links
