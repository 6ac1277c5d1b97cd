"""Guards for a build: what a public build must not contain, and what it must not start without.

Called once per build by the engine adapter (``prepare_build``), and by ``release`` before it
writes anything (``placeholder_problems``). Knows nothing of MkDocs beyond reading and setting
a few keys of its configuration mapping.

- A public build stops when a setting still holds a placeholder (``example.invalid``,
  ``github.com/example/`` …): otherwise the placeholder would go into canonical links, the
  sitemap, the feed and the footer. Internal builds and ``serve`` are not stopped.
- A public build has no edit links and no link to the repository unless
  ``extra.repository_public: true`` says readers may see the repository.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from actionplans.publish import releases as releases_file
from actionplans.source.audience import Audience

# RFC 2606 / 6761 names reserved for examples and for addresses that must never resolve.
PLACEHOLDER_DOMAINS = ("example.com", "example.org", "example.net")
PLACEHOLDER_TLD = ".invalid"
PLACEHOLDER_GITHUB_OWNER = "example"


class PublishError(Exception):
    """A build or release must stop; the message is Danish and says what to change."""


def is_placeholder(url: str | None) -> bool:
    """True for an empty setting, a reserved example/invalid host, or github.com/example/…"""
    if not url or not url.strip():
        return True
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower().rstrip(".")
    if not host:
        return True
    if host == PLACEHOLDER_TLD[1:] or host.endswith(PLACEHOLDER_TLD):
        return True
    if any(host == d or host.endswith("." + d) for d in PLACEHOLDER_DOMAINS):
        return True
    first = parts.path.strip("/").split("/")[0].lower()
    return host in ("github.com", "www.github.com") and first == PLACEHOLDER_GITHUB_OWNER


def repository_public(config: MutableMapping[str, Any]) -> bool:
    return (config.get("extra") or {}).get("repository_public") is True


def placeholder_problems(config: MutableMapping[str, Any]) -> list[str]:
    """Danish messages, one per setting that still holds a placeholder for a public build."""
    extra = config.get("extra") or {}
    checks = [("site_url", config.get("site_url"), "sidens rigtige adresse, fx https://plan.region.dk/")]
    checks.append(
        (
            "extra.accessibility_statement_url",
            extra.get("accessibility_statement_url"),
            "adressen på sidens tilgængelighedserklæring på https://www.was.digst.dk/",
        )
    )
    if repository_public(config):
        checks.append(("repo_url", config.get("repo_url"), "repositoriets adresse på GitHub"))
    return [
        f"{name} i organisation.yml er ikke sat til en rigtig adresse (nu: «{value or ''}»). Sæt den til {what}."
        for name, value, what in checks
        if is_placeholder(value)
    ]


def check_public_settings(config: MutableMapping[str, Any]) -> None:
    problems = placeholder_problems(config)
    if problems:
        raise PublishError(
            "Den offentlige udgave er ikke bygget:\n"
            + "\n".join(f"- {p}" for p in problems)
            + "\nEn intern udgave (python3 run.py serve eller build uden ACTIONPLANS_AUDIENCE=offentlig) kan "
            "stadig bygges."
        )


def prepare_build(config: MutableMapping[str, Any], audience: Audience, root: Path) -> list[releases_file.Release]:
    """Check and adjust the engine configuration for ``audience``; return the release notes.

    Raises :class:`PublishError` when the build must stop.
    """
    if audience is Audience.PUBLIC:
        check_public_settings(config)
        if not repository_public(config):
            # Readers of the public site must not be sent to a repository that holds internal content.
            config["repo_url"] = None
            config["repo_name"] = None
            config["edit_uri"] = None
    try:
        return releases_file.load(releases_file.path_for(root))
    except releases_file.ReleasesError as exc:
        raise PublishError(f"Bygningen er stoppet: {exc}") from None
