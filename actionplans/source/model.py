"""Typed model of one plan file and one initiative file.

Every field carries a Danish description: it is what editors see in VS Code/Codespaces
(through the generated JSON Schema in ``schemas/``) and in the data dictionary.
Unknown keys are rejected. Cross-file rules live in ``repository``.
"""

from __future__ import annotations

import unicodedata
from enum import StrEnum
from typing import Annotated, Final, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator
from pydantic import Strict as StrictType

from actionplans.source.dates import EndDate, PartialDate

NOT_STATED: Final = "ikke_oplyst"


def _visible(value: str) -> str:
    """A text must have something a reader can see: a letter, digit, punctuation or symbol."""
    if not any(unicodedata.category(char)[0] in "LNPS" for char in value):
        raise ValueError(
            "teksten består kun af usynlige tegn (fx mellemrum med nul bredde). "
            "Skriv teksten, eller slet feltet hvis det er valgfrit"
        )
    return value


# Strict: YAML's 2024 or true never silently becomes the text "2024" or "True".
Text = Annotated[str, StrictType(), StringConstraints(strip_whitespace=True, min_length=1), AfterValidator(_visible)]
Slug = Annotated[str, StrictType(), StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$")]


class Status(StrEnum):
    """A traffic-light status, "not stated", or a terminal state."""

    GREEN = "grøn"
    YELLOW = "gul"
    RED = "rød"
    NOT_STATED: Final = "ikke_oplyst"
    COMPLETED = "gennemført"
    CANCELLED = "annulleret"
    RESCOPED = "omlagt"

    @classmethod
    def _missing_(cls, value: object) -> Status | None:
        """«Gul» and «gul » mean gul: editors write statuses as they say them."""
        if isinstance(value, str):
            folded = value.strip().lower()
            return next((member for member in cls if member.value == folded), None)
        return None

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]

    @property
    def short(self) -> str:
        return STATUS_SHORT[self]

    @property
    def terminal(self) -> bool:
        return self in (Status.COMPLETED, Status.CANCELLED, Status.RESCOPED)


STATUS_SHORT = {
    Status.GREEN: "Grøn",
    Status.YELLOW: "Gul",
    Status.RED: "Rød",
    Status.NOT_STATED: "Ikke oplyst",
    Status.COMPLETED: "Gennemført",
    Status.CANCELLED: "Annulleret",
    Status.RESCOPED: "Omlagt",
}
STATUS_LABELS = {
    Status.GREEN: "Grøn – inden for rammerne",
    Status.YELLOW: "Gul – mindre afvigelser",
    Status.RED: "Rød – afviger fra rammerne",
    Status.NOT_STATED: "Ikke oplyst",
    Status.COMPLETED: "Gennemført",
    Status.CANCELLED: "Annulleret",
    Status.RESCOPED: "Omlagt",
}


Visibility = Literal["offentlig", "intern", "kladde"]
VISIBILITY_HELP = (
    "Hvem må se det: offentlig (standard), intern (kun den interne udgave) eller kladde "
    "(kun den interne udgave, markeret som kladde)."
)
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


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=False)


class Period(Strict):
    start: PartialDate = Field(description='Første år/måned/dag i perioden, fx "2024" eller "2014-01".')
    end: PartialDate = Field(description='Sidste år/måned/dag i perioden, fx "2016".')


class Label(Strict):
    id: Slug = Field(description="Kort id med små bogstaver, tal og bindestreg, fx «klinisk-personale».")
    label: Text = Field(description="Teksten som læseren ser, fx «Klinisk personale».")


class InitiativeLabel(Strict):
    singular: Text = Field(description="Hvad planen kalder én indsats, fx «Indsats» eller «Pejlemærke».")
    plural: Text = Field(description="Flertal, fx «Indsatser» eller «Pejlemærker».")


class Strategy(Strict):
    title: Text = Field(description="Strategiens navn.")
    period: Period | None = Field(None, description="Strategiens periode, hvis kilden oplyser den.")
    text: Text | None = Field(None, description="Hvad kilden siger om strategien (tekstblok).")


class Approval(Strict):
    body: Text = Field(description="Hvem godkendte eller behandlede planen, fx «Regionsrådet».")
    date: PartialDate = Field(description='Hvornår, fx "2013-05-17" eller "2024-06".')
    text: Text = Field(description="Hvad kilden siger skete, ordret.")
    note: Text | None = Field(None, description="Bemærkning, fx at kilden ikke oplyser udfaldet.")


class Section(Strict):
    heading: Text = Field(description="Overskrift på afsnittet, fx «Forord».")
    text: Text = Field(description="Afsnittets tekst (tekstblok: tom linje mellem afsnit, «- » for punkter).")
    signature: Text | None = Field(None, description="Underskrift, fx «Jens Andersen, Formand for …».")


class Goal(Strict):
    id: Slug = Field(description="Kort id for målsætningen, fx «m1». Indsatser henviser til den med dette id.")
    title: Text = Field(description="Målsætningens titel.")
    title_editorial: bool = Field(
        False,
        strict=True,
        description="true, hvis kilden ikke trykker titlen som overskrift, så den er redaktionens "
        "(siden viser «Redaktionel titel» ved den).",
    )
    text: Text = Field(description="Målsætningens tekst (tekstblok).")
    note: Text | None = Field(None, description="Bemærkning om hvad kilden siger og ikke siger.")


class ScaleEntry(Strict):
    status: Status = Field(description="Status som definitionen gælder for.")
    definition: Text = Field(description="Planens egen definition af status, ordret fra kilden.")
    note: Text | None = Field(None, description="Bemærkning, fx om hvordan farven er aflæst.")


class Milestone(Strict):
    date: PartialDate = Field(description='Hvornår, typisk år og måned, fx "2023-05".')
    body: Text = Field(description="Hvem, fx «Regionsrådet» eller «Direktionen».")
    text: Text = Field(description="Hvad der skete, ordret fra kilden.")


class Reporting(Strict):
    cadence_months: int | None = Field(
        None, strict=True, ge=1, le=36, description="Hvor mange måneder der højst må gå mellem to statusrapporter."
    )
    expected: list[PartialDate] = Field(
        default_factory=list,
        description='Tidspunkter hvor planen siger, at der rapporteres status, fx ["2024-08", "2024-10"].',
    )
    note: Text | None = Field(None, description="Hvad kilden siger om statusrapporteringen.")


class PlanSource(Strict):
    document: Text = Field(description="Kildedokumentets titel.")
    file: Text | None = Field(None, description="Filnavn på kilden, hvis den findes som fil.")
    note: Text | None = Field(None, description="Forbehold ved kilden, fx hvad der gik tabt ved tekstudtræk.")


class Plan(Strict):
    """One plan: ``data/<plan>/plan.yml``."""

    title: Text = Field(title="titel", description="Planens fulde titel.")
    short_title: Text = Field(
        title="kort titel", description="Kort navn til menuer og kort, fx «Region Sjælland 2024»."
    )
    initiative_label: InitiativeLabel = Field(
        InitiativeLabel(singular="Indsats", plural="Indsatser"),
        title="betegnelse for indsatser",
        description="Hvad planen kalder sine indsatser (ental og flertal).",
    )
    owner: Text = Field(title="ejer", description="Hvem ejer planen, fx «Region Sjælland, Koncern Digitalisering».")
    summary: Text = Field(title="resumé", description="Et afsnit om hvad planen er.")
    description: Text | None = Field(None, title="beskrivelse", description="Længere beskrivelse (tekstblok).")
    period: Period = Field(title="periode", description="Planens periode.")
    strategy: Strategy | None = Field(None, title="strategi", description="Den strategi planen realiserer.")
    approvals: list[Approval] = Field(
        default_factory=list, title="godkendelser", description="Godkendelser og politiske behandlinger."
    )
    sections: list[Section] = Field(
        default_factory=list, title="afsnit", description="Ekstra afsnit på planens side, fx forord."
    )
    goals: list[Goal] = Field(
        default_factory=list, title="målsætninger", description="Planens strategiske målsætninger."
    )
    goals_note: Text | None = Field(
        None, title="note om målsætninger", description="Hvad kilden siger og ikke siger om målsætningerne."
    )
    status_scale: list[ScaleEntry] = Field(
        default_factory=list, title="statusskala", description="Planens egne definitioner af statusfarverne, ordret."
    )
    milestones: list[Milestone] = Field(default_factory=list, title="milepæle", description="Planens procestidslinje.")
    reporting: Reporting = Field(
        Reporting(), title="statusrapportering", description="Hvor ofte der rapporteres status."
    )
    target_groups: list[Label] = Field(
        default_factory=list, title="målgrupper", description="Målgrupper som indsatserne kan have."
    )
    staff_brackets: list[Label] = Field(
        default_factory=list,
        title="intervaller for medarbejdere",
        description="Intervaller for antal berørte medarbejdere.",
    )
    source: PlanSource = Field(title="kilde", description="Hvor planens data er skrevet af fra.")


class GoalLink(Strict):
    goal: Slug = Field(description="Id på en målsætning i plan.yml, fx «m2».")
    evidence: Text | None = Field(None, description="Kildens ord der siger at indsatsen tjener målsætningen.")


class InitiativeSource(Strict):
    document: Text = Field(description="Kildedokumentets titel.")
    section: Text = Field(description="Hvor i dokumentet, fx «Indsats #03».")
    note: Text | None = Field(None, description="Uklarheder i kilden og hvordan de er gengivet.")


class Report(Strict):
    date: PartialDate = Field(description='Statusrapportens dato, fx "2024-08-27" eller "2024-08".')
    status: Status = Field(description="Status: grøn, gul, rød, ikke_oplyst, gennemført, annulleret eller omlagt.")
    narrative: Text | None = Field(None, description="«Hvor er vi nu?» – statusfortællingen (tekstblok).")
    corrective_actions: Text | None = Field(None, description="Korrigerende handlinger (tekstblok).")
    rescope: Text | None = Field(
        None,
        description="Hvis rapporten foreslår at omlægge (rescope) indsatsen: kildens ord om det, ordret.",
    )
    end_date: EndDate | None = Field(
        None, description='Slutdato som den var kendt ved denne rapport; "ukendt" hvis kilden siger Ukendt.'
    )
    source: Text | None = Field(None, description="Hvor rapporten stammer fra.")
    note: Text | None = Field(None, description="Bemærkning, fx at datoen er aflæst af tidslinjen.")
    visibility: Visibility = Field("offentlig", description=VISIBILITY_HELP)
    internal_note: Text | None = Field(None, description="Intern note; vises aldrig i den offentlige udgave.")

    @property
    def public(self) -> bool:
        return self.visibility == "offentlig"


class Initiative(Strict):
    """One initiative: ``data/<plan>/initiatives/NN-slug.yml``."""

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


def field_labels(model: type[BaseModel]) -> dict[str, str]:
    """Each field's Danish name (its ``title``), in the model's order: the one source for change
    summaries, the data dictionary and the JSON Schema's titles."""
    return {name: info.title or name for name, info in model.model_fields.items()}
