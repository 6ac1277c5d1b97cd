"""Who reviews what: the two example teams in ``.github/CODEOWNERS``, replaced by ``init``.

The file ships with two placeholder owners, one for the maintainers (code, configuration,
workflows) and one for the editors (``data/``, the hand-written pages). ``init --maintainers …
--editors …`` puts the organisation's own GitHub teams, users or e-mail addresses in their place;
everything else in the file (paths, comments, order) stays as it is.
"""

from __future__ import annotations

import re
from pathlib import Path

PATH = Path(".github") / "CODEOWNERS"
MAINTAINERS = "@example/handleplaner-maintainers"
EDITORS = "@example/handleplaner-redaktoerer"
PLACEHOLDERS = (MAINTAINERS, EDITORS)
# What GitHub accepts as an owner: @user, @organisation/team, or an e-mail address. Nothing that
# could end a line or start a comment, so a value can never add a rule of its own.
OWNER = re.compile(r"^(@[A-Za-z0-9][A-Za-z0-9-]{0,38}(/[A-Za-z0-9][A-Za-z0-9._-]*)?|[\w.+-]+@[\w-]+(\.[\w-]+)+)$")


def parse_owners(flag: str, value: str) -> tuple[str, ...]:
    """``"@org/a, @org/b"`` -> ``("@org/a", "@org/b")``; raises ValueError with a Danish message."""
    owners = tuple(part for part in re.split(r"[\s,]+", value.strip()) if part)
    if not owners:
        raise ValueError(f"{flag}: må ikke være tom (udelad den hellere, så kan holdene rettes senere).")
    for owner in owners:
        if not OWNER.match(owner):
            raise ValueError(
                f"{flag}: «{owner}» er ikke et GitHub-hold, en bruger eller en e-mailadresse. "
                "Skriv fx @region-nord/handleplaner-redaktoerer eller @brugernavn."
            )
    return owners


def placeholders_left(text: str) -> list[str]:
    """The placeholder owners still named by a rule (comments do not count)."""
    rules = [line.split() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    return [p for p in PLACEHOLDERS if any(p in rule[1:] for rule in rules)]


def rewrite(text: str, *, maintainers: tuple[str, ...] | None, editors: tuple[str, ...] | None) -> str:
    """``text`` with each placeholder owner in a rule replaced; ``None`` leaves that placeholder."""
    replacements = {MAINTAINERS: maintainers, EDITORS: editors}
    out = []
    for line in text.splitlines(keepends=True):
        if not line.strip() or line.lstrip().startswith("#"):
            out.append(line)
            continue
        body = line.rstrip("\n")
        prefix = re.match(r"\s*\S+\s*", body)
        assert prefix is not None  # a line that is not blank has a first word
        owners = body[prefix.end() :].split()
        if not owners:  # a pattern without owners: nobody is asked for those files
            out.append(line)
            continue
        new: list[str] = []
        for owner in owners:
            for replacement in replacements.get(owner) or (owner,):
                if replacement not in new:
                    new.append(replacement)
        out.append(prefix.group() + " ".join(new) + line[len(body) :])
    return "".join(out)
