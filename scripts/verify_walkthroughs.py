"""Runs every walkthrough's reference solution for real: CPython, the
release command as a process, the web command under Gunicorn on a loopback
port, the step's requests over HTTP, and the same checks the browser applies.
A rollout step runs one Gunicorn per instance on the same SQLite file
(verify_rollout.py). A container step has no Docker engine here: the image's files, its ENV and
the platform's config vars are laid out in a directory, the Dockerfile's CMD
runs under Gunicorn, and its HEALTHCHECK command runs as a process.
An ASGI step runs the app under ``waymark.asgi_loopback``, a small asyncio
server on a real socket (Debian's Gunicorn, which CI installs, has no ASGI worker). A
deploy step whose Procfile has a ``worker:`` line also runs that worker as a
real process beside Gunicorn; a request marked ``afterWorker`` waits until
the worker has found the queue empty, and the worker is stopped before the
checks run.

    /usr/bin/python3 scripts/verify_walkthroughs.py [content-dir]

A failure names the walkthrough, the step and the check."""

from __future__ import annotations

import http.client
import json
import os
import shlex
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src" / "runtime" / "python"))
sys.path.insert(0, str(ROOT / "scripts"))

from waymark import container  # noqa: E402
from waymark.checks import evaluate, message_problems  # noqa: E402
from waymark.learner_code import sandbox  # noqa: E402
from waymark.messages import localized  # noqa: E402
from waymark.outcome import Outcome  # noqa: E402
from waymark.paas import CONFIG_VARS_FILE, parse_config_vars, parse_procfile, parse_web_command  # noqa: E402
from waymark.wsgi_server import Exchange, build_request  # noqa: E402

GUNICORN = os.environ.get("WAYMARK_GUNICORN", "/usr/bin/gunicorn")
PYTHON = sys.executable
HARNESS = str(ROOT / "src" / "runtime" / "python")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(port: int, server: subprocess.Popen, seconds: float = 15) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            return False
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return True
        except OSError:
            time.sleep(0.1)
    return False


def gunicorn_argv(command: str, port: int) -> list[str]:
    """The Procfile's web command as Gunicorn will run it here: the same
    options and app, but bound to loopback instead of the router's 0.0.0.0."""
    web = parse_web_command(command, "en")
    if web.server != "gunicorn":
        raise RuntimeError(f"only gunicorn web commands can be verified here, not {web.server}")
    words = shlex.split(command)[1:]
    argv, skip = [], False
    for word in words:
        if skip:
            skip = False
            continue
        if word in ("-b", "--bind"):
            skip = True
            continue
        if word.startswith("--bind=") or (word.startswith("-b") and len(word) > 2):
            continue
        argv.append(word)
    return [GUNICORN, "--bind", f"127.0.0.1:{port}", "--workers", "2", "--timeout", "20", *argv]


def send(port: int, request: dict) -> Exchange:
    environ, body, raw = build_request(request)
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    headers = {k: v for k, v in (request.get("headers") or {}).items()}
    connection.request(environ["REQUEST_METHOD"], request.get("path", "/"), body=body or None, headers=headers)
    response = connection.getresponse()
    exchange = Exchange(method=environ["REQUEST_METHOD"], path=request.get("path", "/"), raw_request=raw)
    exchange.status, exchange.reason = response.status, response.reason
    exchange.headers = list(response.getheaders())
    exchange.body = response.read()
    connection.close()
    return exchange


def run_healthcheck(image: container.Image, workdir: str, env: dict[str, str]) -> tuple[str, str]:
    """Runs the image's HEALTHCHECK command for real, with ``python`` being
    this interpreter: ("healthy" | "unhealthy" | "none", what went wrong)."""
    ins = image.healthcheck
    if ins is None:
        return "none", ""
    rest = ins.args.split("CMD", 1)
    if len(rest) < 2:
        return "none", ""
    body = rest[1].strip()
    words = container.Instruction(ins.line, "CMD", body).exec_form()
    argv = words if words is not None else ["/bin/sh", "-c", body]
    shim = Path(workdir).parent / (Path(workdir).name + "-bin")
    shim.mkdir(exist_ok=True)
    for name in ("python", "python3"):
        if not (shim / name).exists():
            (shim / name).symlink_to(PYTHON)
    check_env = {**env, "PATH": f"{shim}{os.pathsep}{env.get('PATH', '')}"}
    try:
        run = subprocess.run(argv, cwd=workdir, env=check_env, capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.TimeoutExpired) as error:
        return "unhealthy", f"the HEALTHCHECK command could not run: {error}"
    finally:
        for item in shim.iterdir():
            item.unlink()
        shim.rmdir()
    if run.returncode == 0:
        return "healthy", ""
    tail = (run.stderr or run.stdout).strip().splitlines()[-1:] or [""]
    return "unhealthy", f"the HEALTHCHECK command exited with status {run.returncode}: {tail[0]}"


def check_outcome(where: str, step: dict, outcome: Outcome) -> list[str]:
    """Every check of the step against what really ran, with any python
    check's undeclared or mismatched messages, as failure lines."""
    failures = []
    for check in step["checks"]:
        if check.get("type") == "python":
            failures += [f"{where} / {check['id']}: {problem}" for problem in message_problems(check)]
        passed, reason = evaluate(check, outcome, "en")
        if not passed:
            failures.append(f"{where} / {check['id']} ({localized(check['name'], 'en')}): {reason}")
    return failures


def verify_rollout(where: str, step: dict, files: dict[str, str]) -> list[str]:
    """A rolling release with real processes, checked as in the page."""
    from verify_rollout import GunicornFleet
    from waymark.rollout import rollout

    env = dict(step.get("env") or {})
    with sandbox(files, env) as workdir:
        outcome = Outcome(files=files, workdir=workdir)
        child_env = {**os.environ, **env, "PYTHONDONTWRITEBYTECODE": "1"}
        fleet = GunicornFleet(workdir, child_env, PYTHON, gunicorn_argv, free_port, wait_for, send)
        rollout(step, outcome, "en", outcome.log.append, fleet)
        failures = check_outcome(where, step, outcome)
        if failures:
            print("\n".join(f"    {line}" for line in outcome.log), file=sys.stderr)
    return failures


def start_worker(command: str, files: dict[str, str], workdir: str, env: dict[str, str]) -> tuple[subprocess.Popen, Path]:
    """The Procfile's worker as a real process, noting each time it sleeps."""
    from waymark.worker_process import worker_script

    path, _ = worker_script(command, files, "en")
    idle = Path(workdir).parent / (Path(workdir).name + "-idle")
    idle.write_bytes(b"")
    argv = [PYTHON, "-m", "waymark.worker_process", path, str(idle)]
    child_env = {**env, "PYTHONPATH": HARNESS}
    return subprocess.Popen(argv, cwd=workdir, env=child_env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True), idle


def wait_until_idle(worker: subprocess.Popen, idle: Path, seconds: float = 20) -> bool:
    """Waits for two more sleeps than now: the first may have begun before
    the latest job was queued; the second begins after a look at the queue
    that saw it."""
    target = idle.stat().st_size + 2
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if worker.poll() is not None:
            return False
        if idle.stat().st_size >= target:
            return True
        time.sleep(0.05)
    return False


def stop(process: subprocess.Popen) -> str:
    process.terminate()
    try:
        out, _ = process.communicate(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        out, _ = process.communicate()
    return out or ""


def verify_step(walkthrough: dict, step: dict, files: dict[str, str]) -> list[str]:
    """Returns the failures, each naming walkthrough, step and check."""
    where = f"{walkthrough['id']} / {step['id']}"
    if step["kind"] == "rollout":
        return verify_rollout(where, step, files)
    config = parse_config_vars(files.get(CONFIG_VARS_FILE, ""), "en") if step["kind"] in ("deploy", "container") else {}
    image = None
    sandbox_files = files
    if step["kind"] == "container":
        image, layers, findings = container.inspect(files, "en", {"PORT": container.PLATFORM_PORT})
        if findings:
            return [f"{where}: the image is refused: {finding}" for finding in findings]
        sandbox_files = {path: files[source] for path, source in image.files.items()}
    env = {**(step.get("env") or {}), **(image.env if image else {}), **config}
    with sandbox(sandbox_files, env) as workdir:
        outcome = Outcome(files=files, workdir=workdir)
        port = free_port()
        child_env = {**os.environ, **env, "PORT": str(port), "PYTHONDONTWRITEBYTECODE": "1"}
        if image is not None:
            outcome.layers = [(layer.instruction.text(), list(layer.inputs)) for layer in layers]
            outcome.built = True
            web_command = shlex.join(image.command)
        elif step["kind"] == "deploy":
            outcome.processes = parse_procfile(files.get("Procfile", ""), "en")
            web_command = outcome.processes.get("web")
            release = outcome.processes.get("release")
            if release:
                words = shlex.split(release)
                run = subprocess.run([PYTHON if words[0] in ("python", "python3") else words[0], *words[1:]], cwd=workdir, env=child_env, capture_output=True, text=True, timeout=60)
                outcome.stdout += run.stdout
                outcome.stderr += run.stderr
                outcome.release = "ok" if run.returncode == 0 else "failed"
        elif step["kind"] == "wsgi":
            web_command = f"gunicorn {step.get('entry', 'app:application')}"
        elif step["kind"] == "asgi":
            web_command = None
        else:
            run = subprocess.run([PYTHON, step.get("entry", "main.py"), *step.get("args", [])], cwd=workdir, env=child_env, capture_output=True, text=True, timeout=60)
            outcome.stdout, outcome.stderr = run.stdout, run.stderr
            web_command = None

        server = worker = idle = None
        if web_command and outcome.release != "failed":
            server = subprocess.Popen(gunicorn_argv(web_command, port), cwd=workdir, env=child_env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
            outcome.deployed = wait_for(port, server)
        elif step["kind"] == "asgi":
            argv = [PYTHON, "-m", "waymark.asgi_loopback", step.get("entry", "app:app"), str(port)]
            server = subprocess.Popen(argv, cwd=workdir, env={**child_env, "PYTHONPATH": HARNESS}, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
            first = server.stdout.readline().strip() if server.stdout else ""
            outcome.lifespan = first.removeprefix("lifespan: ") if first.startswith("lifespan: ") else "failed"
            outcome.deployed = wait_for(port, server)
        if outcome.deployed and outcome.processes.get("worker") and any(r.get("afterWorker") for r in step.get("requests", [])):
            worker, idle = start_worker(outcome.processes["worker"], files, workdir, child_env)
        if image is not None and outcome.deployed:
            outcome.health, outcome.health_detail = run_healthcheck(image, workdir, child_env)
        try:
            if outcome.deployed:
                for request in step.get("requests", []):
                    if request.get("afterWorker") and worker is not None and idle is not None:
                        outcome.worker = "idle" if wait_until_idle(worker, idle) else "crashed"
                    outcome.exchanges.append(send(port, request))
            if worker is not None:
                code = worker.poll()
                if code is not None:
                    outcome.worker = "exited" if code == 0 else "crashed"
                log = stop(worker)
                if outcome.worker != "idle":
                    print("\n".join(f"    worker: {line}" for line in log.strip().splitlines()[-8:]), file=sys.stderr)
            failures = check_outcome(where, step, outcome)
        finally:
            if server is not None:
                server.terminate()
                try:
                    log, _ = server.communicate(timeout=10)
                except subprocess.TimeoutExpired:
                    server.kill()
                    log, _ = server.communicate()
                if not outcome.deployed:
                    failures_log = log.strip().splitlines()[-8:]
                    print("\n".join(f"    gunicorn: {line}" for line in failures_log), file=sys.stderr)
    return failures


def main() -> int:
    content = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "content"
    passed = failed = 0
    for path in sorted((content / "walkthroughs").glob("*/walkthrough.json")):
        walkthrough = json.loads(path.read_text(encoding="utf-8"))
        for step in walkthrough["steps"]:
            files = {}
            for name in step["files"]:
                solution = path.parent / step["id"] / "solution" / name
                files[name] = solution.read_text(encoding="utf-8") if solution.exists() else ""
            try:
                failures = verify_step(walkthrough, step, files)
            except Exception as error:  # a broken step is a failure, named, never a crash of the whole run
                failures = [f"{walkthrough['id']} / {step['id']}: {type(error).__name__}: {error}"]
            if failures:
                failed += 1
                for failure in failures:
                    print(f"✗ {failure}")
            else:
                passed += 1
                runner = "the asyncio ASGI server (waymark.asgi_loopback)" if step["kind"] == "asgi" else "Gunicorn"
                print(f"✓ {walkthrough['id']} / {step['id']}: {len(step['checks'])} checks pass under {runner}")
    print(f"walkthroughs: {passed} passed, {failed} failed")
    return 1 if failed or not passed else 0


if __name__ == "__main__":
    sys.exit(main())
