#!/usr/bin/env bash
# The walkthrough verification runs reference solutions under Debian's
# CPython and Gunicorn, as a real server would.
set -euo pipefail
if [ -x /usr/bin/gunicorn ] && [ -x /usr/bin/python3 ]; then exit 0; fi
CMD="apt-get update && apt-get install -y gunicorn python3"
if [ "$(id -u)" -ne 0 ]; then
  echo "Gunicorn is missing and this is not root. Install it with:" >&2
  echo "  sudo sh -c '$CMD'" >&2
  exit 1
fi
echo "Installing Debian's gunicorn…"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq gunicorn python3 >/dev/null
