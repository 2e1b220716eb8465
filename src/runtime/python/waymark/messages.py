"""Every message a learner sees, in every language a page can be read in:
one catalog, ``messages.json`` beside this file, which the page's build
validates too. A python check's own failures are declared in the check
(see ``checks``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

CATALOG: dict[str, dict[str, dict[str, str]]] = json.loads(Path(__file__).with_name("messages.json").read_text(encoding="utf-8"))
LANGUAGES: frozenset[str] = frozenset(next(iter(CATALOG["messages"].values())))


def language(lang: str) -> str:
    """The catalog's language for a page language such as ``zh-CN``; English when it has none."""
    return lang.lower() if lang.lower() in LANGUAGES else "en"


def message(lang: str, key: str, **values: Any) -> str:
    return CATALOG["messages"][key][lang].format(**values)


def build_line(lang: str, key: str, **values: Any) -> str:
    return CATALOG["buildLog"][key][lang].format(**values)


def localized(value: Any, lang: str) -> str:
    """A per-language string from step data: a plain string or {lang: text}."""
    if isinstance(value, dict):
        return str(value.get(lang) or value.get("en") or next(iter(value.values()), ""))
    return "" if value is None else str(value)
