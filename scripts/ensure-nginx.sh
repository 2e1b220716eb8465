#!/usr/bin/env bash
# The deploy tests serve the built site with Debian's nginx and the repo's
# own server config (deploy/nginx/), so the config an instructor copies is
# the config that was tested.
set -euo pipefail
NGINX="${NGINX_PATH:-/usr/sbin/nginx}"
if [ -x "$NGINX" ]; then exit 0; fi
CMD="apt-get update && apt-get install -y nginx"
if [ "$(id -u)" -ne 0 ]; then
  echo "nginx is missing and this is not root. Install it with:" >&2
  echo "  sudo sh -c '$CMD'" >&2
  exit 1
fi
echo "Installing Debian's nginx…"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq nginx >/dev/null
[ -x "$NGINX" ] || { echo "nginx still missing at $NGINX after: $CMD" >&2; exit 1; }
