"""The replication kit of a prototype (« kit d'essaimage »): everything another territory needs, in one zip.

``<slug>/`` holds:

- ``LISEZMOI.md``: the index of the kit, each file with what it is for, and the fiche, the contact form and
  the tool's links as absolute addresses on the canonical base URL (``lab.infra.base_url``);
- ``guide-essaimage.pdf`` (with the programme's publicity mention) and ``<slug>.md`` (the whole fiche);
- ``cahier-des-charges.pdf`` and ``.md`` when the fiche has a specification;
- ``modele-economique.md`` when the fiche has an economic-model note;
- ``images/`` and ``documents/`` (templates and other attachments of the fiche);
- ``logiciel/`` for a registered software (notice, install guide, import templates: ``projets.software``);
- ``LICENSE``.
"""

import io
import zipfile

from django.template.loader import render_to_string
from django.utils.text import slugify

from lab.choices import LICENCE_INFO, Licence
from lab.infra.base_url import absolute_url
from livrables.exports import render_replication_guide
from projets.services import prototype_markdown, specification_markdown, specification_pdf
from projets.software import software_of, tool_links

LICENSE_TEXT = """{title}

Ce prototype et ses documents sont publiés sous licence {name}.
Texte de la licence : {url}

Vous pouvez les copier, les adapter et les partager, y compris pour les installer dans votre
structure, à condition de citer la source :
« {title} », {origin}, {programme}, {url_page}
{share_alike}
Les logiciels éventuellement fournis sont sous licence EUPL-1.2.
"""


def _license(prototype):
    return LICENSE_TEXT.format(
        title=prototype.title,
        name=prototype.get_licence_display(),
        url=LICENCE_INFO[Licence(prototype.licence)][1],
        origin=prototype.structure.name if prototype.structure_id else "Labo commun",
        programme=prototype.programme.title if prototype.programme_id else "",
        url_page=absolute_url(prototype.url or "/"),
        share_alike="Partagez vos adaptations dans les mêmes conditions.\n" if "sa" in prototype.licence else "",
    )


def _media(prototype):
    """``(folder, name, file)`` of the fiche's images (``images``) and documents (``documents``), each once."""
    seen = set()
    for block in prototype.media:
        folder, item = ("images", block.value.get("image")) if block.block_type == "image" else ("documents", None)
        if item is None:
            item = block.value.get("document")
        file = getattr(item, "file", None)
        if file and file.name not in seen:
            seen.add(file.name)
            yield folder, file.name.rsplit("/", 1)[-1], file


def replication_bundle(prototype):
    """``(zip bytes, file name)``: the prototype's replication kit."""
    slug = slugify(prototype.title)[:50] or "prototype"
    files = []  # (path in the kit, content, what it is for) for the index

    files.append(("guide-essaimage.pdf", render_replication_guide(prototype), "Le guide d'essaimage (PDF)."))
    files.append((f"{slug}.md", prototype_markdown(prototype), "La fiche prototype entière, en Markdown."))
    if prototype.has_specification():
        files.append(("cahier-des-charges.pdf", specification_pdf(prototype), "Le cahier des charges (PDF)."))
        files.append(("cahier-des-charges.md", specification_markdown(prototype), "Le cahier des charges (Markdown)."))
    if prototype.economic_model.strip():
        note = f"# Note de modèle économique — {prototype.title}\n\n{prototype.economic_model.strip()}\n"
        if prototype.resources_costs.strip():
            note += f"\n## Ressources et coûts\n\n{prototype.resources_costs.strip()}\n"
        files.append(("modele-economique.md", note, "La note de modèle économique, avec les ressources et coûts."))
    for folder, name, file in _media(prototype):
        with file.open("rb") as handle:
            what = "Une image de la fiche." if folder == "images" else "Un document ou modèle joint à la fiche."
            files.append((f"{folder}/{name}", handle.read(), what))
    software = software_of(prototype)
    for name, content in software.kit_files() if software else []:
        files.append((f"logiciel/{name}", content, "Un fichier du logiciel (notice, installation, modèle d'import)."))
    files.append(("LICENSE", _license(prototype), "La licence et la façon de citer la source."))

    readme = render_to_string(
        "livrables/kit/LISEZMOI.md",
        {
            "prototype": prototype,
            "files": [(path, what) for path, _content, what in files],
            "page_url": absolute_url(prototype.url or "/"),
            "contact_url": absolute_url(prototype.url + prototype.reverse_subpage("contact"))
            if prototype.can_be_contacted() and prototype.url
            else "",
            "replicate_url": absolute_url(prototype.url + prototype.reverse_subpage("replicate"))
            if prototype.url
            else "",
            "tool_links": [(label, absolute_url(url)) for label, url in tool_links(prototype)],
            "licence_name": prototype.get_licence_display(),
        },
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(f"{slug}/LISEZMOI.md", readme)
        for path, content, _what in files:
            archive.writestr(f"{slug}/{path}", content)
    return buffer.getvalue(), f"essaimage-{slug}.zip"
