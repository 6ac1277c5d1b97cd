"""The model of a plan file, ``data/<plan>/plan.yml``: the plan and its parts."""

from __future__ import annotations

from pydantic import ConfigDict, Field

from actionplans.source.dates import PartialDate
from actionplans.source.model.base import Slug, Strict, Text
from actionplans.source.model.status import Status


class Period(Strict):
    """Et tidsrum, fra og med til og med."""

    model_config = ConfigDict(title="Periode")

    start: PartialDate = Field(title="start", description='Første år/måned/dag i perioden, fx "2024" eller "2014-01".')
    end: PartialDate = Field(title="slut", description='Sidste år/måned/dag i perioden, fx "2016".')


class Label(Strict):
    """Et valg som planens indsatser kan pege på med dets id."""

    model_config = ConfigDict(title="Målgruppe eller medarbejderinterval")

    id: Slug = Field(title="id", description="Kort id med små bogstaver, tal og bindestreg, fx «klinisk-personale».")
    label: Text = Field(title="tekst", description="Teksten som læseren ser, fx «Klinisk personale».")


class InitiativeLabel(Strict):
    """Hvad planen kalder sine indsatser."""

    model_config = ConfigDict(title="Betegnelse for indsatser")

    singular: Text = Field(title="ental", description="Hvad planen kalder én indsats, fx «Indsats» eller «Pejlemærke».")
    plural: Text = Field(title="flertal", description="Flertal, fx «Indsatser» eller «Pejlemærker».")


class Strategy(Strict):
    """Den strategi planen realiserer."""

    model_config = ConfigDict(title="Strategi")

    title: Text = Field(title="titel", description="Strategiens navn.")
    period: Period | None = Field(None, title="periode", description="Strategiens periode, hvis kilden oplyser den.")
    text: Text | None = Field(None, title="tekst", description="Hvad kilden siger om strategien (tekstblok).")


class Approval(Strict):
    """En godkendelse eller politisk behandling af planen."""

    model_config = ConfigDict(title="Godkendelse")

    body: Text = Field(title="organ", description="Hvem godkendte eller behandlede planen, fx «Regionsrådet».")
    date: PartialDate = Field(title="dato", description='Hvornår, fx "2013-05-17" eller "2024-06".')
    text: Text = Field(title="tekst", description="Hvad kilden siger skete, ordret.")
    note: Text | None = Field(None, title="bemærkning", description="Bemærkning, fx at kilden ikke oplyser udfaldet.")


class Section(Strict):
    """Et ekstra afsnit på planens side."""

    model_config = ConfigDict(title="Afsnit")

    heading: Text = Field(title="overskrift", description="Overskrift på afsnittet, fx «Forord».")
    text: Text = Field(
        title="tekst", description="Afsnittets tekst (tekstblok: tom linje mellem afsnit, «- » for punkter)."
    )
    signature: Text | None = Field(
        None, title="underskrift", description="Underskrift, fx «Jens Andersen, Formand for …»."
    )


class Goal(Strict):
    """En af planens strategiske målsætninger."""

    model_config = ConfigDict(title="Målsætning")

    id: Slug = Field(
        title="id", description="Kort id for målsætningen, fx «m1». Indsatser henviser til den med dette id."
    )
    title: Text = Field(title="titel", description="Målsætningens titel.")
    title_editorial: bool = Field(
        False,
        strict=True,
        title="redaktionel titel",
        description="true, hvis kilden ikke trykker titlen som overskrift, så den er redaktionens "
        "(siden viser «Redaktionel titel» ved den).",
    )
    text: Text = Field(title="tekst", description="Målsætningens tekst (tekstblok).")
    note: Text | None = Field(None, title="bemærkning", description="Bemærkning om hvad kilden siger og ikke siger.")


class ScaleEntry(Strict):
    """Planens egen definition af én status."""

    model_config = ConfigDict(title="Statusdefinition")

    status: Status = Field(title="status", description="Status som definitionen gælder for.")
    definition: Text = Field(title="definition", description="Planens egen definition af status, ordret fra kilden.")
    note: Text | None = Field(None, title="bemærkning", description="Bemærkning, fx om hvordan farven er aflæst.")


class Milestone(Strict):
    """Et trin i planens proces, fx en godkendelse eller en statusrapport."""

    model_config = ConfigDict(title="Milepæl")

    date: PartialDate = Field(title="dato", description='Hvornår, typisk år og måned, fx "2023-05".')
    body: Text = Field(title="organ", description="Hvem, fx «Regionsrådet» eller «Direktionen».")
    text: Text = Field(title="tekst", description="Hvad der skete, ordret fra kilden.")


class Reporting(Strict):
    """Hvornår og hvor ofte planen rapporterer status."""

    model_config = ConfigDict(title="Statusrapportering")

    cadence_months: int | None = Field(
        None,
        strict=True,
        ge=1,
        le=36,
        title="højst måneder mellem rapporter",
        description="Hvor mange måneder der højst må gå mellem to statusrapporter.",
    )
    expected: list[PartialDate] = Field(
        default_factory=list,
        title="forventede rapporter",
        description='Tidspunkter hvor planen siger, at der rapporteres status, fx ["2024-08", "2024-10"].',
    )
    note: Text | None = Field(None, title="bemærkning", description="Hvad kilden siger om statusrapporteringen.")


class PlanSource(Strict):
    """Dokumentet som planens data er skrevet af fra."""

    model_config = ConfigDict(title="Planens kilde")

    document: Text = Field(title="dokument", description="Kildedokumentets titel.")
    file: Text | None = Field(None, title="fil", description="Filnavn på kilden, hvis den findes som fil.")
    note: Text | None = Field(
        None, title="bemærkning", description="Forbehold ved kilden, fx hvad der gik tabt ved tekstudtræk."
    )


class Plan(Strict):
    """En handleplan: data/<plan>/plan.yml."""

    model_config = ConfigDict(title="Plan")

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
