"""The simulated container platform. It builds an image from the learner's
Dockerfile, printing every build step with the files whose change would
rebuild it; refuses the image as a reviewer would (root, a start command in
shell form, secrets baked in, a .dockerignore that lets .env or .git through);
then starts the image's command with the image's ENV, the platform's config
vars and PORT, probes the HEALTHCHECK and routes the step's requests to the
app. ``inspect`` gives the verification script the same reading without
running anything."""

from __future__ import annotations

import os
import posixpath
import re
import shlex
from dataclasses import dataclass
from typing import Any, Callable

from waymark import dockerfile
from waymark.container_health import probe_health
from waymark.dockerfile import Instruction
from waymark.errors import LearnerError
from waymark.learner_code import load_callable
from waymark.messages import build_line, message
from waymark.outcome import Outcome
from waymark.paas import CONFIG_VARS_FILE, missing_config_var, parse_config_vars, parse_requirements, parse_web_command, requirement_names

PLATFORM_PORT = "8080"  # what Cloud Run, among others, puts in PORT unless told otherwise
SECRET_WORDS = {"secret", "secrets", "password", "passwd", "pword", "token", "key", "apikey", "credential", "credentials", "auth"}
SHELLS = {"sh", "/bin/sh", "bash", "/bin/bash"}
SERVER_MODULES = {"gunicorn", "waitress"}


@dataclass
class Image:
    """What the build produced and the platform runs."""

    base: str
    workdir: str
    files: dict[str, str]  # path relative to WORKDIR -> the context file it came from
    env: dict[str, str]
    user: str
    command: list[str]  # ENTRYPOINT + CMD as the container runs them, a shell wrapper already resolved
    installed: list[str]
    healthcheck: Instruction | None
    instructions: list[Instruction]


def _stage(instructions: list[Instruction]) -> list[Instruction]:
    start = max((i for i, ins in enumerate(instructions) if ins.keyword == "FROM"), default=0)
    return instructions[start:]


def secret_like(name: str) -> bool:
    return any(part in SECRET_WORDS for part in re.split(r"[_\-.]+", name.lower()))


def context(files: dict[str, str]) -> tuple[list[str], list[str]]:
    """The build context (and what .dockerignore keeps out of it). The
    config vars file stands for the platform's settings, never the project."""
    rules = dockerfile.ignore_rules(files.get(".dockerignore", ""))
    names = sorted(n for n in files if n != CONFIG_VARS_FILE)
    return [n for n in names if not dockerfile.is_ignored(n, rules)], [n for n in names if dockerfile.is_ignored(n, rules)]


def review(instructions: list[Instruction], files: dict[str, str], lang: str) -> list[str]:
    """What a reviewer refuses, each in the learner's language."""
    findings: list[str] = []
    stage = _stage(instructions)
    _, from_words = dockerfile.flags(stage[0].args)
    base = from_words[0] if from_words else ""
    tag = base.split("@", 1)[0].rsplit("/", 1)[-1].partition(":")[2]
    if "@" not in base and tag in ("", "latest"):
        findings.append(message(lang, "container.unpinned_base", line=stage[0].line, image=base))
    users = [ins for ins in stage if ins.keyword == "USER"]
    if not users:
        findings.append(message(lang, "container.runs_as_root"))
    elif users[-1].args.split(":", 1)[0].strip() in ("root", "0"):
        findings.append(message(lang, "container.user_root", line=users[-1].line, user=users[-1].args.strip()))
    for ins in stage:
        if ins.keyword not in ("CMD", "ENTRYPOINT"):
            continue
        words = ins.exec_form()
        if words is None:
            findings.append(message(lang, "container.shell_form", line=ins.line, keyword=ins.keyword))
        elif len(words) >= 3 and words[0] in SHELLS and words[1] == "-c" and not words[2].lstrip().startswith("exec "):
            findings.append(message(lang, "container.shell_wrapper", line=ins.line, keyword=ins.keyword))
    for ins in instructions:
        if ins.keyword in ("ENV", "ARG"):
            for var, _ in dockerfile.variables(ins):
                if secret_like(var):
                    findings.append(message(lang, "container.secret_in_image", line=ins.line, keyword=ins.keyword, name=var))
    if ".dockerignore" not in files:
        findings.append(message(lang, "container.no_dockerignore"))
    else:
        rules = dockerfile.ignore_rules(files[".dockerignore"])
        for kept_out, probe in ((".env", ".env"), (".git", ".git/config")):
            if not dockerfile.is_ignored(probe, rules):
                findings.append(message(lang, "container.not_ignored", name=kept_out))
    return findings


def _command(stage: list[Instruction], env: dict[str, str]) -> list[str]:
    entrypoint = next((ins for ins in reversed(stage) if ins.keyword == "ENTRYPOINT"), None)
    cmd = next((ins for ins in reversed(stage) if ins.keyword == "CMD"), None)
    words = [*((entrypoint.exec_form() or []) if entrypoint else []), *((cmd.exec_form() or []) if cmd else [])]
    if len(words) >= 3 and words[0] in SHELLS and words[1] == "-c":
        script = re.sub(r"\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?", lambda m: env.get(m.group(1), ""), words[2])
        words = shlex.split(script)
        words = words[1:] if words and words[0] == "exec" else words
    if len(words) >= 3 and words[0] in ("python", "python3") and words[1] == "-m" and words[2] in SERVER_MODULES:
        words = [words[2], *words[3:]]
    return words


def inspect(files: dict[str, str], lang: str, env_overrides: dict[str, str] | None = None) -> tuple[Image, list[dockerfile.Layer], list[str]]:
    """Reads the project as the platform would: the image, its build steps,
    and the reviewer's findings. Raises LearnerError for a Dockerfile that
    cannot be built at all."""
    if "Dockerfile" not in files:
        raise LearnerError("no-dockerfile", message(lang, "container.no_dockerfile"))
    instructions = dockerfile.parse(files["Dockerfile"], lang)
    if not instructions or instructions[0].keyword not in ("FROM", "ARG") or not any(i.keyword == "FROM" for i in instructions):
        raise LearnerError("no-from", message(lang, "container.no_from"))
    names, _ = context(files)
    steps, placed = dockerfile.layers(instructions, names)
    stage = _stage(instructions)
    env: dict[str, str] = {}
    user = "root"
    for ins in stage:
        if ins.keyword == "ENV":
            env.update((k, v or "") for k, v in dockerfile.variables(ins))
        elif ins.keyword == "USER":
            user = ins.args.strip()
    run_env = {**env, **(env_overrides or {})}
    workdir = steps[-1].workdir if steps else "/"
    image = Image(
        base=(dockerfile.flags(stage[0].args)[1] or [""])[0],
        workdir=workdir,
        files=dockerfile.files_at(placed, workdir),
        env=env,
        user=user,
        command=_command(stage, run_env),
        installed=[],
        healthcheck=next((ins for ins in reversed(stage) if ins.keyword == "HEALTHCHECK"), None),
        instructions=instructions,
    )
    return image, steps, review(instructions, files, lang)


def _install(steps: list[dockerfile.Layer], files: dict[str, str], lang: str, log: Callable[[str], None]) -> list[str]:
    """What each RUN pip install puts in the image, failing as pip does
    when the requirements file was not copied in yet."""
    image: dict[str, str] = {}
    installed: list[str] = []
    for number, step in enumerate(steps, start=1):
        ins = step.instruction
        log(build_line(lang, "image_step", number=number, total=len(steps), instruction=ins.text()))
        if ins.keyword != "FROM":
            log(build_line(lang, "image_inputs", files=", ".join(step.inputs)) if step.inputs else build_line(lang, "image_no_inputs"))
        image.update(step.placed)
        if ins.keyword != "RUN" or "pip install" not in ins.args:
            continue
        words = shlex.split(ins.args.replace("&&", " && "))
        added: list[str] = []
        for i, word in enumerate(words):
            if word in ("-r", "--requirement") and i + 1 < len(words):
                path = posixpath.normpath(posixpath.join(step.workdir, words[i + 1]))
                if path not in image:
                    log(f"ERROR: Could not open requirements file: [Errno 2] No such file or directory: '{words[i + 1]}'")
                    raise LearnerError("requirements-missing", message(lang, "container.requirements_not_copied", line=ins.line, file=words[i + 1]))
                added += parse_requirements(files[image[path]])
        named = words[words.index("install") + 1:] if "install" in words else []
        added += [w for j, w in enumerate(named) if not w.startswith("-") and w != "&&" and not (j and named[j - 1] in ("-r", "--requirement", "-c", "--constraint"))]
        for package in added:
            log(build_line(lang, "image_installed", package=package))
        if added:
            log(build_line(lang, "simulated"))
        installed += added
    return installed


def build(outcome: Outcome, lang: str, log: Callable[[str], None]) -> Image:
    files = outcome.files
    names, ignored = context(files)
    image, steps, findings = inspect(files, lang, {"PORT": PLATFORM_PORT})
    outcome.layers = [(step.instruction.text(), list(step.inputs)) for step in steps]
    log(build_line(lang, "image_context", files=", ".join(names)))
    if ignored:
        log(build_line(lang, "image_ignored", files=", ".join(ignored)))
    image.installed = _install(steps, files, lang, log)
    log(build_line(lang, "image_review"))
    for finding in findings:
        log(build_line(lang, "image_finding", finding=finding))
    if findings:
        log(build_line(lang, "image_refused"))
        raise LearnerError("image-refused", message(lang, "container.refused", count=len(findings)) + "\n" + "\n".join(f"- {f}" for f in findings))
    outcome.built = True
    log(build_line(lang, "image_built", steps=len(steps), user=image.user))
    return image


def _check_bind(command: list[str], lang: str) -> str:
    web = parse_web_command(shlex.join(command), lang)
    if web.bind is None:
        return f"0.0.0.0:{PLATFORM_PORT}"  # Gunicorn's default when PORT is set
    if "$" in web.bind:
        raise LearnerError("literal-variable", f"Error: {web.bind.rpartition(':')[2]!r} is not a valid port number.\n" + message(lang, "container.literal_variable", server=web.server, value=web.bind))
    host, _, port = web.bind.rpartition(":")
    if host.strip("[]") not in ("", "0.0.0.0", "::") or port != PLATFORM_PORT:
        raise LearnerError("bad-bind", message(lang, "container.bad_bind", address=web.bind, port=PLATFORM_PORT))
    return web.bind


def start(image: Image, outcome: Outcome, lang: str, log: Callable[[str], None]) -> Callable:
    """Starts the image's command in a sandbox holding only the image's files."""
    if not image.command:
        raise LearnerError("no-cmd", message(lang, "container.no_cmd"))
    for name in outcome.files:
        if name not in image.files:
            path = os.path.join(outcome.workdir, name)
            if os.path.isfile(path):
                os.remove(path)
    config = parse_config_vars(outcome.files.get(CONFIG_VARS_FILE, ""), lang)
    log(build_line(lang, "container_start", command=shlex.join(image.command), user=image.user))
    log(build_line(lang, "container_port", port=PLATFORM_PORT))
    if image.env or config:
        log(build_line(lang, "container_env", names=", ".join(sorted({*image.env, *config}))))
    os.environ.update(image.env)
    os.environ.update(config)
    os.environ["PORT"] = PLATFORM_PORT
    web = parse_web_command(shlex.join(image.command), lang)
    if web.package not in requirement_names(image.installed):
        log(build_line(lang, "container_crashed"))
        raise LearnerError("server-missing", f'exec: "{image.command[0]}": executable file not found in $PATH\n' + message(lang, "container.server_not_installed", server=web.package))
    try:
        address = _check_bind(image.command, lang)
        app = load_callable(web.app_spec, lang, outcome.workdir)
    except LearnerError as error:
        log(build_line(lang, "container_crashed"))
        if error.kind == "import" and error.__cause__ is not None:
            name = missing_config_var(error.__cause__, config)
            if name:
                raise LearnerError("missing-config", message(lang, "deploy.missing_config_var", name=name), error.traceback_text) from None
            raise LearnerError("crashed", message(lang, "deploy.crashed_at_import", module=web.app_spec.partition(":")[0]), error.traceback_text) from None
        raise
    log(build_line(lang, "container_listening", address=address))
    outcome.deployed = True
    return app


def run_container(spec: dict[str, Any], outcome: Outcome, lang: str, log: Callable[[str], None]) -> Callable:
    image = build(outcome, lang, log)
    app = start(image, outcome, lang, log)
    probe_health(image, PLATFORM_PORT, app, outcome, lang, log)
    log(build_line(lang, "container_up"))
    return app
