"""Open data and the change feed: files beside the pages, made from the same repository.

``build_files(repo, base_url=...)`` returns ``{site path: content}``: per plan a JSON export in
the shape of the source files (valid against ``schemas/plan-export.schema.json``) and a CSV with
one row per initiative; one Atom feed of all status reports. Knows nothing of MkDocs.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from actionplans.organisation import DataLicense
from actionplans.site.urls import page_url
from actionplans.source.model import Initiative, Plan
from actionplans.source.repository import PlanEntry, Repository

ATOM = "http://www.w3.org/2005/Atom"
EXPORT_SCHEMA_PATH = "schemas/plan-export.schema.json"
FEED_PATH = "feed.xml"
CSV_COLUMNS = [
    "nummer",
    "titel",
    "status",
    "status_dato",
    "slutdato",
    "resume",
    "maalgrupper",
    "maalsaetninger",
    "side",
]


class PlanExport(BaseModel):
    """One plan with its initiatives, in the shape of plan.yml and the initiative files."""

    model_config = ConfigDict(extra="forbid", title="Eksport af en handleplan")

    plan: Plan = Field(description="Indholdet af planens plan.yml.")
    initiatives: list[Initiative] = Field(description="Indholdet af planens indsatsfiler, i nummerorden.")
    license: DataLicense | None = Field(None, description="Licensen for data og tekster (fx CC BY 4.0).")


def export_schema() -> dict[str, Any]:
    return PlanExport.model_json_schema()


def plan_export(plan: PlanEntry, data_license: DataLicense | None = None) -> dict[str, Any]:
    export = PlanExport(plan=plan.data, initiatives=[i.data for i in plan.initiatives], license=data_license)
    return export.model_dump(mode="json", exclude_defaults=True)


# A spreadsheet reads a cell that starts with one of these as a formula (CSV injection). OWASP's
# rule: prefix such a cell with an apostrophe, so Excel and LibreOffice show it as text.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: object) -> object:
    """A CSV cell a spreadsheet shows as text: «=1+2» becomes «'=1+2». Numbers stay numbers."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


# XML 1.0 allows tab, newline, carriage return and U+0020 and up, minus surrogates and U+FFFE/F.
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(text: str | None) -> str | None:
    """Validation rejects control characters; this second line of defence keeps every XML
    output well-formed even if one slips through (a feed reader rejects the whole feed)."""
    return None if text is None else _NOT_XML.sub("\ufffd", text)


def plan_csv(plan: PlanEntry, base_url: str) -> bytes:
    out = io.StringIO()
    # Semicolons: Danish Excel splits on ';'. BOM: Excel then reads UTF-8 (æ, ø, å) correctly.
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for entry in plan.initiatives:
        data = entry.data
        latest = data.latest_report
        end = data.current_end_date
        labels = plan.target_group_labels(entry)
        groups = "Ikke oplyst" if labels is None else ", ".join(labels)
        goals = ", ".join(plan.goal(link.goal).title for link in data.goals or []) or "Ikke oplyst"
        row = [
            data.number,
            data.title,
            data.status.label,
            latest.date.iso() if latest else "",
            end.iso() if end else "",
            data.summary or "",
            groups,
            goals,
            base_url + page_url(f"{plan.slug}/{entry.slug}.md"),
        ]
        writer.writerow([spreadsheet_safe(cell) for cell in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def feed(repo: Repository, base_url: str, site_name: str) -> bytes:
    """Atom feed: one entry per status report, newest first."""
    ET.register_namespace("", ATOM)
    root = ET.Element(f"{{{ATOM}}}feed", {"xml:lang": "da"})
    ET.SubElement(root, f"{{{ATOM}}}title").text = f"{site_name}: statusrapporter"
    ET.SubElement(root, f"{{{ATOM}}}id").text = base_url + FEED_PATH
    ET.SubElement(root, f"{{{ATOM}}}link", {"rel": "self", "href": base_url + FEED_PATH})
    ET.SubElement(root, f"{{{ATOM}}}link", {"rel": "alternate", "href": base_url})
    entries = []
    for plan in repo.plans:
        for initiative in plan.initiatives:
            for index, report in enumerate(initiative.data.reports):
                entries.append((report.date.first_day(), plan, initiative, index, report))
    entries.sort(key=lambda e: (e[0], e[1].slug, e[2].number, e[3]), reverse=True)
    updated = entries[0][0] if entries else dt.date(1970, 1, 1)
    ET.SubElement(root, f"{{{ATOM}}}updated").text = _stamp(updated)
    author = ET.SubElement(root, f"{{{ATOM}}}author")
    ET.SubElement(author, f"{{{ATOM}}}name").text = site_name
    for day, plan, initiative, index, report in entries:
        url = base_url + page_url(f"{plan.slug}/{initiative.slug}.md")
        label = plan.data.initiative_label.singular
        entry = ET.SubElement(root, f"{{{ATOM}}}entry")
        ET.SubElement(
            entry, f"{{{ATOM}}}title"
        ).text = (
            f"{label} {initiative.number}: {initiative.data.title} – {report.status.label} ({report.date.format_da()})"
        )
        ET.SubElement(entry, f"{{{ATOM}}}id").text = f"{url}#rapport-{index + 1}"
        ET.SubElement(entry, f"{{{ATOM}}}link", {"rel": "alternate", "href": url})
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = _stamp(day)
        summary = report.narrative or report.note or report.status.label
        ET.SubElement(entry, f"{{{ATOM}}}summary").text = summary
        ET.SubElement(entry, f"{{{ATOM}}}category", {"term": report.status.value, "label": report.status.label})
    for element in root.iter():
        element.text = xml_safe(element.text)
        for name, value in element.attrib.items():
            element.set(name, xml_safe(value) or "")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def _stamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def csv_metadata(plan: PlanEntry, base_url: str, data_license: DataLicense) -> bytes:
    """W3C CSV on the Web metadata beside indsatser.csv: its title and licence."""
    metadata = {
        "@context": "http://www.w3.org/ns/csvw",
        "url": "indsatser.csv",
        "dc:title": f"{plan.data.title}: {plan.data.initiative_label.plural.lower()}",
        "dc:license": {"@id": data_license.url},
        "dc:rights": data_license.name,
        "dc:source": base_url + page_url(f"{plan.slug}/index.md"),
        "tableSchema": {"columns": [{"name": name, "titles": name} for name in CSV_COLUMNS]},
    }
    return json.dumps(metadata, ensure_ascii=False, indent=2).encode("utf-8")


def build_files(
    repo: Repository,
    *,
    base_url: str,
    site_name: str,
    data_license: DataLicense | None = None,
    per_plan: Callable[[PlanEntry, Callable[[], dict[str, bytes]]], dict[str, bytes]] | None = None,
) -> dict[str, bytes]:
    """Every data file. ``per_plan(plan, make)``, if given, returns a plan's files (``make()``
    or the same files kept from an earlier build: ``serve``, actionplans/site/bodymemo.py)."""
    base_url = base_url if base_url.endswith("/") else base_url + "/"
    files: dict[str, bytes] = {
        FEED_PATH: feed(repo, base_url, site_name),
        EXPORT_SCHEMA_PATH: json.dumps(export_schema(), ensure_ascii=False, indent=2).encode("utf-8"),
    }
    for plan in repo.plans:

        def make(plan: PlanEntry = plan) -> dict[str, bytes]:
            return plan_files(plan, base_url, data_license)

        files.update(per_plan(plan, make) if per_plan else make())
    return files


def plan_files(plan: PlanEntry, base_url: str, data_license: DataLicense | None) -> dict[str, bytes]:
    """A plan's JSON export, its CSV and (with a licence) the CSV's metadata."""
    export = plan_export(plan, data_license)
    files = {
        f"{plan.slug}/data.json": json.dumps(export, ensure_ascii=False, indent=2).encode("utf-8"),
        f"{plan.slug}/indsatser.csv": plan_csv(plan, base_url),
    }
    if data_license is not None:
        files[f"{plan.slug}/indsatser.csv-metadata.json"] = csv_metadata(plan, base_url, data_license)
    return files
