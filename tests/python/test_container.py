"""The simulated container platform: reading a Dockerfile, the build context,
layer caching, the reviewer's refusals, running the CMD and the health check."""

import json
import os
import sys
import unittest
from pathlib import Path

from support import run_step  # noqa: E402
from waymark import dockerfile  # noqa: E402
from waymark.container import inspect  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent.parent

APP = """\
import os

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    raise RuntimeError("SECRET_KEY is not set")


def application(environ, start_response):
    path = environ["PATH_INFO"]
    status = "200 OK" if path in ("/", "/health") else "404 Not Found"
    start_response(status, [("Content-Type", "text/plain")])
    return [("path=" + path + " port=" + os.environ["PORT"]).encode()]
"""

DOCKERFILE = """\
# syntax=docker/dockerfile:1
FROM python:3.14-slim
ENV PYTHONUNBUFFERED=1 \\
    PORT=8000
RUN useradd --create-home app
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
USER app
HEALTHCHECK CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:${PORT}/health', timeout=2)"
CMD ["gunicorn", "app:application"]
"""

PROJECT = {
    "Dockerfile": DOCKERFILE,
    ".dockerignore": ".env\n.git\n__pycache__/\n",
    "requirements.txt": "gunicorn==26.1.0\n",
    "app.py": APP,
    ".env": "SECRET_KEY=local-only\n",
    "config-vars.env": "SECRET_KEY=from-the-platform\n",
}

CHECKS = [
    {"id": "built", "type": "image-built", "name": "built"},
    {"id": "up", "type": "deployed", "name": "up"},
    {"id": "healthy", "type": "container-healthy", "name": "healthy"},
    {"id": "ok", "type": "status", "expect": 200, "name": "200"},
]


def container(files, checks=CHECKS, lang="en", requests=None):
    return run_step({"kind": "container", "requests": requests or [{"path": "/"}], "checks": checks}, files, lang)


def changed(**edits):
    files = dict(PROJECT)
    for name, (old, new) in edits.items():
        if old is None:
            files.pop(name.replace("_", "."), None) if new is None else files.__setitem__(name.replace("_", "."), new)
            continue
        key = name.replace("_", ".")
        assert old in files[key], (old, key)
        files[key] = files[key].replace(old, new)
    return files


class DockerfileTest(unittest.TestCase):
    def test_continuations_and_comments_are_read_as_buildkit_reads_them(self):
        instructions = dockerfile.parse(DOCKERFILE, "en")
        self.assertEqual([i.keyword for i in instructions], ["FROM", "ENV", "RUN", "WORKDIR", "COPY", "RUN", "COPY", "USER", "HEALTHCHECK", "CMD"])
        self.assertEqual(instructions[1].args, "PYTHONUNBUFFERED=1 PORT=8000")
        self.assertEqual(dockerfile.variables(instructions[1]), [("PYTHONUNBUFFERED", "1"), ("PORT", "8000")])
        self.assertEqual(instructions[-1].exec_form(), ["gunicorn", "app:application"])
        self.assertIsNone(dockerfile.Instruction(1, "CMD", "gunicorn app:application").exec_form())
        self.assertIsNone(dockerfile.Instruction(1, "CMD", "['gunicorn']").exec_form())  # single quotes are not JSON

    def test_an_unknown_instruction_names_its_line(self):
        with self.assertRaises(Exception) as caught:
            dockerfile.parse("FROM python:3.14-slim\nCOPPY . .\n", "zh-cn")
        self.assertIn("第 2 行", str(caught.exception))

    IGNORES = [
        (".env\n.git\n", ".env", True),
        (".env\n.git\n", ".git/config", True),
        (".env\n.git\n", "app.py", False),
        ("**/.env\n", "sub/.env", True),
        ("*.env\n!config.env\n", "config.env", False),
        ("*.env\n!config.env\n", "local.env", True),
        ("/.git/\n", ".git/HEAD", True),
        ("# .env\n", ".env", False),
    ]

    def test_dockerignore_follows_the_last_matching_line(self):
        for rules, path, ignored in self.IGNORES:
            with self.subTest(rules=rules, path=path):
                self.assertEqual(dockerfile.is_ignored(path, dockerfile.ignore_rules(rules)), ignored)

    def test_a_step_rebuilds_when_anything_copied_before_it_changes(self):
        context = ["Dockerfile", "app.py", "requirements.txt"]
        good, image = dockerfile.layers(dockerfile.parse(DOCKERFILE, "en"), context)
        pip = next(layer for layer in good if "pip install" in layer.instruction.args)
        self.assertEqual(pip.inputs, ["requirements.txt"])
        self.assertEqual(image, {"/app/requirements.txt": "requirements.txt", "/app/Dockerfile": "Dockerfile", "/app/app.py": "app.py"})
        bad, _ = dockerfile.layers(dockerfile.parse("FROM python:3.14-slim\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\n", "en"), context)
        self.assertEqual(bad[-1].inputs, context)

    def test_copy_places_files_where_docker_does(self):
        context = ["app.py", "src/views.py", "requirements.txt"]
        _, image = dockerfile.layers(dockerfile.parse("FROM python:3.14-slim\nWORKDIR /srv\nCOPY src/ ./lib/\nCOPY requirements.txt /tmp/reqs.txt\nCOPY app.py requirements.txt ./\n", "en"), context)
        self.assertEqual(image, {"/srv/lib/views.py": "src/views.py", "/tmp/reqs.txt": "requirements.txt", "/srv/app.py": "app.py", "/srv/requirements.txt": "requirements.txt"})


class ContainerTest(unittest.TestCase):
    def test_a_good_image_builds_runs_as_its_user_and_serves_on_port(self):
        result = container(PROJECT)
        self.assertIsNone(result["error"])
        self.assertTrue(result["ok"], result["checks"])
        log = "\n".join(result["log"])
        self.assertIn("kept out by .dockerignore: .env", log)
        self.assertIn("#6 [6/6] COPY . .", log)
        self.assertIn("rebuilt when any of these files change: requirements.txt\n#", log)
        self.assertIn("installed gunicorn==26.1.0", log)
        self.assertIn("it runs as user app", log)
        self.assertIn("Listening at http://0.0.0.0:8080", log)
        self.assertIn("Health check GET /health -> 200 OK: healthy", log)
        self.assertEqual(result["exchanges"][0]["status"], 200)
        self.assertIn("port=8080", result["exchanges"][0]["response"])  # the platform's PORT wins over ENV PORT

    def test_only_the_images_files_are_there_at_run_time(self):
        probe = APP + "\nimport pathlib\nSEEN = sorted(p.name for p in pathlib.Path('.').iterdir())\n"
        files = dict(PROJECT, **{"app.py": probe})
        check = {"id": "seen", "type": "python", "name": "seen", "code": "import app\nassert app.SEEN == ['.dockerignore', 'Dockerfile', 'app.py', 'requirements.txt'], msg('seen', got=app.SEEN)", "messages": {"seen": {"en": "{got}", "zh-cn": "{got}"}}}
        result = container(files, [*CHECKS, check])
        self.assertTrue(result["ok"], result["checks"])

    REFUSALS = [
        ("no USER", {"Dockerfile": ("USER app\n", "")}, "would run as root"),
        ("USER root at the end", {"Dockerfile": ("USER app\n", "USER app\nUSER root\n")}, "USER root switches back to root"),
        ("shell-form CMD", {"Dockerfile": ('CMD ["gunicorn", "app:application"]', "CMD gunicorn app:application")}, "line 12: CMD is in shell form"),
        ("shell-form ENTRYPOINT", {"Dockerfile": ('CMD ["gunicorn", "app:application"]', "ENTRYPOINT gunicorn app:application")}, "ENTRYPOINT is in shell form"),
        ("sh -c without exec", {"Dockerfile": ('CMD ["gunicorn", "app:application"]', 'CMD ["sh", "-c", "gunicorn app:application"]')}, "stays in front of the server"),
        ("a secret in ENV", {"Dockerfile": ("ENV PYTHONUNBUFFERED=1", "ENV DB_PASSWORD=hunter2 PYTHONUNBUFFERED=1")}, "ENV DB_PASSWORD bakes a secret"),
        ("a secret in ARG", {"Dockerfile": ("WORKDIR /app", "ARG API_TOKEN\nWORKDIR /app")}, "ARG API_TOKEN bakes a secret"),
        ("no .dockerignore", {"_dockerignore": (None, None)}, "there is no .dockerignore"),
        (".env not ignored", {"_dockerignore": (".env\n", "")}, "does not keep .env out"),
        (".git not ignored", {"_dockerignore": (".git\n", "")}, "does not keep .git out"),
        ("an untagged base", {"Dockerfile": ("python:3.14-slim", "python")}, "python names no version"),
        ("latest", {"Dockerfile": ("python:3.14-slim", "python:latest")}, "python:latest names no version"),
    ]

    def test_the_reviewer_refuses_what_a_real_reviewer_would(self):
        for name, edits, text in self.REFUSALS:
            with self.subTest(name):
                result = container(changed(**edits))
                self.assertEqual(result["error"]["kind"], "image-refused")
                self.assertIn(text, result["error"]["message"])
                self.assertFalse(result["checks"][0]["passed"])
                self.assertIn("Image refused", result["log"][-1])

    def test_a_digest_pins_the_base_image_too(self):
        files = changed(Dockerfile=("python:3.14-slim", "python@sha256:" + "a" * 64))
        self.assertEqual(inspect(files, "en")[2], [])

    FAILURES = [
        ("exec form with a literal $PORT", {"Dockerfile": ('["gunicorn", "app:application"]', '["gunicorn", "--bind", "0.0.0.0:$PORT", "app:application"]')}, "literal-variable", "Error: '$PORT' is not a valid port number."),
        ("a fixed port", {"Dockerfile": ('["gunicorn", "app:application"]', '["gunicorn", "--bind", "0.0.0.0:8000", "app:application"]')}, "bad-bind", "listens on 0.0.0.0:8000"),
        ("localhost", {"Dockerfile": ('["gunicorn", "app:application"]', '["gunicorn", "-b", "127.0.0.1:8080", "app:application"]')}, "bad-bind", "127.0.0.1:8080"),
        ("requirements copied after pip", {"Dockerfile": ("COPY requirements.txt .\n", "")}, "requirements-missing", "not in the image yet"),
        ("no pip install", {"Dockerfile": ("RUN pip install --no-cache-dir -r requirements.txt\n", "")}, "server-missing", 'exec: "gunicorn": executable file not found in $PATH'),
        ("no CMD", {"Dockerfile": ('CMD ["gunicorn", "app:application"]\n', "")}, "no-cmd", "inherits the base image's"),
        ("a development server", {"Dockerfile": ('["gunicorn", "app:application"]', '["python", "app.py"]')}, "unknown-web", "Development servers"),
        ("the secret missing from the platform", {"config-vars_env": ("SECRET_KEY=from-the-platform\n", "")}, "missing-config", "SECRET_KEY"),
        ("no FROM", {"Dockerfile": ("FROM python:3.14-slim\n", "")}, "no-from", "FROM python:3.14-slim"),
        ("a dangling backslash", {"Dockerfile": ('CMD ["gunicorn", "app:application"]\n', 'CMD ["gunicorn", "app:application"] \\\n')}, "dockerfile", "backslash"),
    ]

    def test_run_time_failures_say_what_to_fix(self):
        for name, edits, kind, text in self.FAILURES:
            with self.subTest(name):
                result = container(changed(**edits))
                self.assertEqual(result["error"]["kind"], kind, result["error"])
                self.assertIn(text, result["error"]["message"])
                self.assertFalse(result["ok"])

    def test_a_shell_that_execs_the_server_expands_port(self):
        files = changed(Dockerfile=('["gunicorn", "app:application"]', '["sh", "-c", "exec gunicorn --bind 0.0.0.0:$PORT app:application"]'))
        result = container(files)
        self.assertTrue(result["ok"], (result["error"], result["checks"]))
        self.assertIn("gunicorn --bind 0.0.0.0:8080 app:application", "\n".join(result["log"]))

    HEALTH = [
        ("curl in a slim image", ('HEALTHCHECK CMD python -c "import urllib.request; urllib.request.urlopen(\'http://127.0.0.1:${PORT}/health\', timeout=2)"', "HEALTHCHECK CMD curl -f http://localhost:8080/health || exit 1"), "runs curl"),
        ("a fixed port", ("${PORT}", "8000"), "requests port 8000"),
        ("a path that is not there", ("/health'", "/status'"), "GET /status answered 404 Not Found"),
        ("no URL to follow", ('HEALTHCHECK CMD python -c "import urllib.request; urllib.request.urlopen(\'http://127.0.0.1:${PORT}/health\', timeout=2)"', "HEALTHCHECK CMD /bin/true"), "cannot tell what it checks"),
    ]

    def test_a_health_check_that_cannot_work_makes_the_container_unhealthy(self):
        for name, edit, text in self.HEALTH:
            with self.subTest(name):
                result = container(changed(Dockerfile=edit))
                healthy = next(c for c in result["checks"] if c["id"] == "healthy")
                self.assertFalse(healthy["passed"])
                self.assertIn(text, healthy["reason"])
                self.assertTrue(next(c for c in result["checks"] if c["id"] == "up")["passed"])

    def test_curl_is_fine_once_the_image_installs_it(self):
        files = changed(Dockerfile=('HEALTHCHECK CMD python -c "import urllib.request; urllib.request.urlopen(\'http://127.0.0.1:${PORT}/health\', timeout=2)"', "RUN apt-get update && apt-get install -y --no-install-recommends curl\nHEALTHCHECK CMD curl -f http://localhost:8080/health || exit 1"))
        self.assertTrue(container(files)["ok"])

    def test_layer_cached_names_the_step_that_rebuilds(self):
        files = changed(Dockerfile=("COPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY . .\n", "COPY . .\nRUN pip install --no-cache-dir -r requirements.txt\n"))
        check = {"id": "cached", "type": "layer-cached", "layer": "pip install", "changed": "app.py", "name": "cached"}
        result = container(files, [check])
        self.assertEqual(result["checks"][0]["reason"][:60], "editing app.py rebuilds step 5 (RUN pip install --no-cache-d")
        self.assertTrue(container(PROJECT, [check])["ok"])
        missing = container(PROJECT, [dict(check, layer="poetry install")])
        self.assertIn("no build step runs 'poetry install'", missing["checks"][0]["reason"])

    def test_everything_the_learner_reads_follows_the_page_language(self):
        result = container(changed(Dockerfile=("USER app\n", "")), lang="zh-CN")
        self.assertIn("构建上下文", result["log"][0])
        self.assertIn("容器会以 root 身份运行", result["error"]["message"])
        self.assertIn("镜像没有构建成功", result["checks"][0]["reason"])


@unittest.skipUnless(os.path.exists(os.environ.get("WAYMARK_GUNICORN", "/usr/bin/gunicorn")), "needs Debian's gunicorn (scripts/ensure-gunicorn.sh)")
class VerifyContainerTest(unittest.TestCase):
    """The CI verification runs the Dockerfile's CMD under real Gunicorn and its HEALTHCHECK as a process."""

    def setUp(self):
        sys.path.insert(0, str(ROOT / "scripts"))
        import verify_walkthroughs

        self.verify = verify_walkthroughs
        folder = ROOT / "content" / "walkthroughs" / "container-build"
        self.walkthrough = json.loads((folder / "walkthrough.json").read_text(encoding="utf-8"))
        self.step = next(s for s in self.walkthrough["steps"] if s["id"] == "health-check")
        self.files = {name: (folder / self.step["id"] / "solution" / name).read_text(encoding="utf-8") for name in self.step["files"]}

    def test_the_reference_solution_passes_under_gunicorn(self):
        self.assertEqual(self.verify.verify_step(self.walkthrough, self.step, self.files), [])

    def test_a_health_check_that_fails_for_real_is_reported(self):
        files = dict(self.files, Dockerfile=self.files["Dockerfile"].replace("/health'", "/nowhere'"))
        failures = self.verify.verify_step(self.walkthrough, self.step, files)
        self.assertEqual(len(failures), 1)
        self.assertIn("HTTP Error 404", failures[0])

    def test_a_refused_image_is_never_run(self):
        files = dict(self.files, Dockerfile=self.files["Dockerfile"].replace("USER app\n", ""))
        self.assertEqual(self.verify.verify_step(self.walkthrough, self.step, files), ["container-build / health-check: the image is refused: the container would run as root: the Dockerfile has no USER line. Create an unprivileged user (RUN useradd --create-home app) and switch to it (USER app) before CMD"])


if __name__ == "__main__":
    unittest.main()
