import os
from urllib.parse import urlsplit


class SettingsError(RuntimeError):
    """The settings are not safe to run with; the app must not start."""


TRUE = {"1", "true", "yes", "on"}
FALSE = {"0", "false", "no", "off"}


def env_bool(name, default=False):
    raw = os.environ.get(name, "").strip().lower()
    if not raw:
        return default
    if raw in TRUE:
        return True
    if raw in FALSE:
        return False
    raise ValueError(f"{name} must be one of 1/0, true/false, yes/no, on/off, not {raw!r}")


def env_list(name, default=()):
    raw = os.environ.get(name)
    if raw is None:
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


def parse_database_url(url):
    parts = urlsplit(url)
    return {
        "engine": parts.scheme,
        "host": parts.hostname or "",
        "port": parts.port,
        "name": parts.path.lstrip("/"),
        "user": parts.username or "",
    }


APP_ENV = os.environ.get("APP_ENV", "production").strip().lower()
DEVELOPMENT = APP_ENV == "development"

DEBUG = env_bool("DEBUG", default=False)
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-insecure-key" if DEVELOPMENT else "").strip()
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1"] if DEVELOPMENT else [])
DATABASE_URL = os.environ.get("DATABASE_URL", "sqlite:///dev.db" if DEVELOPMENT else "").strip()
DATABASE = parse_database_url(DATABASE_URL)


PLACEHOLDERS = ("change", "insecure", "secret", "example")


def production_problems():
    """Everything that makes these settings unsafe in production."""
    problems = []
    if DEBUG:
        problems.append("DEBUG is on; set DEBUG=0")
    if not SECRET_KEY:
        problems.append("SECRET_KEY is not set")
    elif len(SECRET_KEY) < 32:
        problems.append(f"SECRET_KEY is too short ({len(SECRET_KEY)} characters, need 32 or more)")
    elif len(set(SECRET_KEY)) < 10 or any(word in SECRET_KEY.lower() for word in PLACEHOLDERS):
        problems.append("SECRET_KEY looks like a placeholder; generate a random one")
    if not ALLOWED_HOSTS:
        problems.append("ALLOWED_HOSTS is empty; list your domain names")
    elif "*" in ALLOWED_HOSTS:
        problems.append("ALLOWED_HOSTS contains '*'; list your domain names instead")
    if not DATABASE_URL:
        problems.append("DATABASE_URL is not set")
    return problems


if not DEVELOPMENT:
    problems = production_problems()
    if problems:
        raise SettingsError("Refusing to start in production:\n- " + "\n- ".join(problems))
