import os

# Everything arrives from the environment as text.
APP_ENV = os.environ.get("APP_ENV", "production")
DEBUG = os.environ.get("DEBUG", False)  # TODO: a real bool
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "")  # TODO: a list of host names
DATABASE_URL = os.environ.get("DATABASE_URL", "")
# TODO: DATABASE, a dict with engine, host, port (an int), name and user
