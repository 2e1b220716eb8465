"""A Dockerfile read the way BuildKit reads it, for the simulated container
platform: instructions (line continuations joined, the exec and shell forms
told apart), the build context left after ``.dockerignore``, and for every
build step the context files whose change makes it rebuild."""

from __future__ import annotations

import fnmatch
import json
import posixpath
import re
import shlex
from dataclasses import dataclass, field

from waymark.errors import LearnerError
from waymark.messages import message

INSTRUCTIONS = {
    "FROM", "RUN", "CMD", "LABEL", "EXPOSE", "ENV", "ADD", "COPY", "ENTRYPOINT", "VOLUME",
    "USER", "WORKDIR", "ARG", "ONBUILD", "STOPSIGNAL", "HEALTHCHECK", "SHELL", "MAINTAINER",
}
# The instructions BuildKit shows as numbered steps; the others only set metadata.
STEPS = {"FROM", "RUN", "COPY", "ADD", "WORKDIR"}


@dataclass
class Instruction:
    line: int
    keyword: str
    args: str

    def exec_form(self) -> list[str] | None:
        """The JSON-array (exec) form's words, or None for the shell form."""
        text = self.args.strip()
        if not text.startswith("["):
            return None
        try:
            words = json.loads(text)
        except ValueError:
            return None  # Docker, too, runs a malformed array as a shell command
        return words if isinstance(words, list) and all(isinstance(w, str) for w in words) else None

    def text(self) -> str:
        return f"{self.keyword} {self.args}".strip()


def parse(text: str, lang: str) -> list[Instruction]:
    instructions: list[Instruction] = []
    pending: list[str] = []
    start = 0
    for number, raw in enumerate(text.splitlines(), start=1):
        stripped = raw.strip()
        if stripped.startswith("#") or (not stripped and not pending):
            continue
        if not pending:
            start = number
        if stripped.endswith("\\"):
            pending.append(stripped[:-1].strip())
            continue
        pending.append(stripped)
        joined = " ".join(p for p in pending if p)
        pending = []
        keyword, _, args = joined.partition(" ")
        if keyword.upper() not in INSTRUCTIONS:
            raise LearnerError("dockerfile", message(lang, "container.unknown_instruction", line=start, word=keyword))
        instructions.append(Instruction(start, keyword.upper(), args.strip()))
    if pending:
        raise LearnerError("dockerfile", message(lang, "container.dangling_continuation", line=start))
    return instructions


def flags(args: str) -> tuple[dict[str, str], list[str]]:
    """``--name=value`` options in front of an instruction's arguments, and the rest."""
    words = shlex.split(args, comments=False, posix=True) if args else []
    options: dict[str, str] = {}
    while words and words[0].startswith("--"):
        name, _, value = words.pop(0).partition("=")
        options[name] = value
    return options, words


def variables(instruction: Instruction) -> list[tuple[str, str | None]]:
    """The names (and values) an ENV or ARG sets: ``K=V K2=V2``, the legacy
    ``ENV K V``, or ``ARG NAME`` without a default."""
    words = shlex.split(instruction.args) if instruction.args else []
    if instruction.keyword == "ENV" and words and "=" not in words[0]:
        return [(words[0], " ".join(words[1:]))]
    pairs: list[tuple[str, str | None]] = []
    for word in words:
        name, eq, value = word.partition("=")
        pairs.append((name, value if eq else None))
    return pairs


# .dockerignore -------------------------------------------------------------


def _pattern_regex(pattern: str) -> re.Pattern[str]:
    out = ""
    i = 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out += "(?:.*/)?"
            i += 3
        elif pattern.startswith("**", i):
            out += ".*"
            i += 2
        elif pattern[i] == "*":
            out += "[^/]*"
            i += 1
        elif pattern[i] == "?":
            out += "[^/]"
            i += 1
        else:
            out += re.escape(pattern[i])
            i += 1
    return re.compile(out + r"\Z")


def ignore_rules(text: str) -> list[tuple[bool, re.Pattern[str]]]:
    """(is an exception, pattern) for each line of a ``.dockerignore``."""
    rules = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        keep = line.startswith("!")
        pattern = posixpath.normpath(line[1:].strip() if keep else line).lstrip("/")
        if pattern and pattern != ".":
            rules.append((keep, _pattern_regex(pattern)))
    return rules


def is_ignored(path: str, rules: list[tuple[bool, re.Pattern[str]]]) -> bool:
    """Whether ``.dockerignore`` keeps ``path`` out of the context: the last
    matching line decides, and excluding a folder excludes what is in it."""
    parts = path.split("/")
    prefixes = ["/".join(parts[: i + 1]) for i in range(len(parts))]
    ignored = False
    for keep, regex in rules:
        if any(regex.match(p) for p in prefixes if not keep or p == path):
            ignored = not keep
    return ignored


# Layers and the image's files ------------------------------------------------


@dataclass
class Layer:
    """One numbered build step and the context files whose change rebuilds it."""

    instruction: Instruction
    inputs: list[str]
    workdir: str = "/"
    placed: dict[str, str] = field(default_factory=dict)


def _sources(pattern: str, context: list[str]) -> list[str]:
    pattern = posixpath.normpath(pattern).lstrip("/")
    if pattern in (".", ""):
        return list(context)
    return [f for f in context if f == pattern or f.startswith(pattern + "/") or fnmatch.fnmatchcase(f, pattern)]


def _copy(sources: list[str], dest: str, target: str, dirs: set[str], context: list[str]) -> dict[str, str]:
    """Where COPY puts each context file: a folder's contents (or the whole
    context for ``.``) go into the destination; a single file into it when it
    is a folder, else to that exact path."""
    into_folder = dest.endswith("/") or target in dirs or len(sources) > 1
    placed: dict[str, str] = {}
    for pattern in sources:
        base = posixpath.normpath(pattern).lstrip("/")
        for name in _sources(pattern, context):
            if base in (".", ""):
                path = posixpath.join(target, name)
            elif name.startswith(base + "/"):
                path = posixpath.join(target, name[len(base) + 1:])
            elif name == base and not into_folder:
                path = target
            else:
                path = posixpath.join(target, posixpath.basename(name))
            placed[path] = name
    return placed


def layers(instructions: list[Instruction], context: list[str]) -> tuple[list[Layer], dict[str, str]]:
    """Every numbered step of the last stage with its cache inputs, and the
    files the image holds (absolute path in the image -> context file). A
    step's cache inputs are what every COPY up to it read: BuildKit reuses a
    step only if the steps before it were reused too."""
    start = max((i for i, ins in enumerate(instructions) if ins.keyword == "FROM"), default=0)
    result: list[Layer] = []
    image: dict[str, str] = {}
    inputs: set[str] = set()
    workdir = "/"
    dirs = {"/"}
    for ins in instructions[start:]:
        placed: dict[str, str] = {}
        if ins.keyword == "WORKDIR":
            workdir = posixpath.normpath(posixpath.join(workdir, ins.args.strip() or "."))
            dirs.add(workdir)
        elif ins.keyword in ("COPY", "ADD"):
            options, words = flags(ins.args)
            if "--from" not in options and len(words) >= 2:
                *sources, dest = words
                target = posixpath.normpath(posixpath.join(workdir, dest))
                placed = _copy(sources, dest, target, dirs, context)
                image.update(placed)
                dirs.update(posixpath.dirname(path) for path in placed)
                inputs.update(placed.values())
        if ins.keyword in STEPS:
            result.append(Layer(ins, sorted(inputs), workdir, placed))
    return result, image


def files_at(image: dict[str, str], folder: str) -> dict[str, str]:
    """The image's files under ``folder``, by path relative to it."""
    prefix = posixpath.normpath(folder).rstrip("/") + "/"
    return {path[len(prefix):]: source for path, source in image.items() if path.startswith(prefix)}


def final_workdir(instructions: list[Instruction]) -> str:
    start = max((i for i, ins in enumerate(instructions) if ins.keyword == "FROM"), default=0)
    workdir = "/"
    for ins in instructions[start:]:
        if ins.keyword == "WORKDIR":
            workdir = posixpath.normpath(posixpath.join(workdir, ins.args.strip() or "."))
    return workdir
