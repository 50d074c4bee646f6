"""The Datasette metadata for an archive, whatever its file is called.

Datasette names a database after its file (`/srv/press/archive.db` is
`archive`) and keys descriptions, facets, canned queries and the dashboard's
charts by that name, with no fallback and no way to rename one from its
command line. `datasette/metadata.yml` is written for `pressbot`; this gives
the same metadata under another name.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

#: the name the shipped metadata is written for
TEMPLATE_NAME = "pressbot"
TEMPLATE = Path(__file__).resolve().parents[2] / "datasette" / "metadata.yml"


def database_name(path: str | Path) -> str:
    """The name Datasette gives the database in this file."""
    return Path(path).stem


def metadata_for(template: dict, name: str) -> dict:
    """`template` with its database, the dashboard's `db` and its links renamed to `name`."""
    renamed = dict(template)
    databases = dict(template.get("databases") or {})
    databases[name] = databases.pop(TEMPLATE_NAME)
    renamed["databases"] = databases
    if "plugins" in template:
        renamed["plugins"] = _rename(template["plugins"], name)
    return renamed


def _rename(value: Any, name: str) -> Any:
    """Each `db: pressbot` becomes `db: <name>`, each `](/pressbot/…)` link `](/<name>/…)`."""
    if isinstance(value, dict):
        return {
            key: name if key == "db" and item == TEMPLATE_NAME else _rename(item, name)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [_rename(item, name) for item in value]
    if isinstance(value, str):
        return re.sub(rf"\]\(/{TEMPLATE_NAME}(?=[/)])", f"](/{name}", value)
    return value
