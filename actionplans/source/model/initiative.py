"""The model of an initiative file, ``data/<plan>/initiatives/NN-slug.yml``: the initiative and
its status reports."""

from __future__ import annotations

from typing import Literal

from pydantic import ConfigDict, Field, field_validator, model_validator

from actionplans.source.dates import EndDate, PartialDate
from actionplans.source.model.base import VISIBILITY_HELP, Slug, Strict, Text, Visibility
from actionplans.source.model.status import NOT_STATED, Status

# Optional initiative fields an editor may hide from the public build with internal_fields.
HIDEABLE_FIELDS = (
    "summary",
    "deliverables",
    "effects",
    "target_groups",
    "staff_affected",
    "goals",
    "goals_note",
    "end_date",
    "owner",
)


class GoalLink(Strict):
    """At en indsats tjener en af planens målsætninger."""

    model_config = ConfigDict(title="Kobling til målsætning")

    goal: Slug = Field(title="målsætning", description="Id på en målsætning i plan.yml, fx «m2».")
    evidence: Text | None = Field(
        None, title="belæg", description="Kildens ord der siger at indsatsen tjener målsætningen."
    )


class InitiativeSource(Strict):
    """Hvor i kildedokumentet indsatsen står."""

    model_config = ConfigDict(title="Indsatsens kilde")

    document: Text = Field(title="dokument", description="Kildedokumentets titel.")
    section: Text = Field(title="sted i dokumentet", description="Hvor i dokumentet, fx «Indsats #03».")
    note: Text | None = Field(None, title="bemærkning", description="Uklarheder i kilden og hvordan de er gengivet.")


class Report(Strict):
    """Én statusrapport for en indsats."""

    model_config = ConfigDict(title="Statusrapport")

    date: PartialDate = Field(title="dato", description='Statusrapportens dato, fx "2024-08-27" eller "2024-08".')
    status: Status = Field(
        title="status",
        description=f"Status: {', '.join(s.value for s in list(Status)[:-1])} eller {list(Status)[-1].value}.",
    )
    narrative: Text | None = Field(
        None, title="hvor er vi nu?", description="«Hvor er vi nu?» – statusfortællingen (tekstblok)."
    )
    corrective_actions: Text | None = Field(
        None, title="korrigerende handlinger", description="Korrigerende handlinger (tekstblok)."
    )
    rescope: Text | None = Field(
        None,
        title="omlægning",
        description="Hvis rapporten foreslår at omlægge (rescope) indsatsen: kildens ord om det, ordret.",
    )
    end_date: EndDate | None = Field(
        None,
        title="slutdato",
        description='Slutdato som den var kendt ved denne rapport; "ukendt" hvis kilden siger Ukendt.',
    )
    source: Text | None = Field(None, title="kilde", description="Hvor rapporten stammer fra.")
    note: Text | None = Field(None, title="bemærkning", description="Bemærkning, fx at datoen er aflæst af tidslinjen.")
    visibility: Visibility = Field("offentlig", title="synlighed", description=VISIBILITY_HELP)
    internal_note: Text | None = Field(
        None, title="intern note", description="Intern note; vises aldrig i den offentlige udgave."
    )

    @property
    def public(self) -> bool:
        return self.visibility == "offentlig"


class Initiative(Strict):
    """En indsats i en handleplan: data/<plan>/initiatives/NN-navn.yml."""

    model_config = ConfigDict(title="Indsats")

    number: int = Field(
        strict=True, ge=1, le=999, title="nummer", description="Indsatsens nummer i planen (1, 2, 3 …)."
    )
    title: Text = Field(title="titel", description="Indsatsens titel.")
    title_editorial: bool = Field(
        False,
        strict=True,
        title="redaktionel titel",
        description="true, hvis kilden ikke trykker titlen som overskrift, så den er redaktionens, fx dannet "
        "af kildens egne ord (siden viser «Redaktionel titel» ved den). Forklar hvordan i source.note.",
    )
    summary: Text | None = Field(None, title="kort beskrivelse", description="Én linje fra planens oversigt.")
    description: Text = Field(title="beskrivelse", description="Beskrivelse (tekstblok).")
    deliverables: Text | None = Field(
        None, title="leverancer", description="Leverancer og målsætninger for perioden (tekstblok)."
    )
    effects: list[Text] = Field(
        default_factory=list, title="effekter", description="Forventede effekter, ét punkt pr. linje."
    )
    target_groups: list[Slug] | Literal["ikke_oplyst"] = Field(
        NOT_STATED, title="målgrupper", description="Målgrupper (id'er fra plan.yml), eller ikke_oplyst."
    )
    staff_affected: Slug | Literal["ikke_oplyst"] = Field(
        NOT_STATED,
        title="berørte medarbejdere",
        description="Antal berørte medarbejdere (id fra plan.yml), eller ikke_oplyst.",
    )
    goals: list[GoalLink] | None = Field(
        None,
        title="målsætninger",
        description="De målsætninger indsatsen tjener. Udelad feltet, hvis kilden ikke siger det.",
    )
    goals_note: Text | None = Field(
        None, title="note om målsætninger", description="Hvad kilden siger og ikke siger om målsætningerne."
    )
    end_date: EndDate | None = Field(
        None, title="slutdato", description='Slutdato; "ukendt" hvis kilden siger Ukendt; udelad hvis ikke oplyst.'
    )
    owner: Text | None = Field(None, title="ansvarlig", description="Ansvarlig for indsatsen, hvis kilden oplyser det.")
    source: InitiativeSource = Field(title="kilde", description="Hvor indsatsen er skrevet af fra.")
    reports: list[Report] = Field(
        default_factory=list, title="statusrapporter", description="Statusrapporter, ældste først."
    )
    visibility: Visibility = Field("offentlig", title="synlighed", description=VISIBILITY_HELP)
    internal_fields: list[str] = Field(
        default_factory=list,
        title="interne felter",
        description="Felter der kun vises i den interne udgave, fx [owner, deliverables]. "
        f"Mulige felter: {', '.join(HIDEABLE_FIELDS)}.",
    )
    internal_note: Text | None = Field(
        None, title="intern note", description="Intern note; vises aldrig i den offentlige udgave."
    )

    @model_validator(mode="after")
    def _hideable(self) -> Initiative:
        for name in self.internal_fields:
            if name not in HIDEABLE_FIELDS:
                raise ValueError(
                    f"internal_fields: «{name}» kan ikke skjules. Mulige felter: {', '.join(HIDEABLE_FIELDS)}"
                )
        return self

    @property
    def public(self) -> bool:
        return self.visibility == "offentlig"

    @field_validator("target_groups", mode="before")
    @classmethod
    def _target_groups(cls, value: object) -> object:
        if value == NOT_STATED or isinstance(value, list):
            return value
        raise ValueError("skal være en liste af målgruppe-id'er (linjer med «- ») eller ikke_oplyst")

    @field_validator("staff_affected", mode="before")
    @classmethod
    def _staff(cls, value: object) -> object:
        if isinstance(value, str):
            return value
        raise ValueError("skal være et id fra staff_brackets i plan.yml eller ikke_oplyst")

    @property
    def latest_report(self) -> Report | None:
        return self.reports[-1] if self.reports else None

    @property
    def status(self) -> Status:
        latest = self.latest_report
        return latest.status if latest else Status.NOT_STATED

    @property
    def current_end_date(self) -> EndDate | None:
        for report in reversed(self.reports):
            if report.end_date is not None:
                return report.end_date
        return self.end_date
