#!/usr/bin/env bash
# The deploy tests serve the built site with Debian's nginx and the repo's
# own server config (deploy/nginx/), so the config an instructor copies is
# the config that was tested; with Debian's Brotli module, which the
# optional deploy/nginx/waymark-brotli.conf needs.
set -euo pipefail
NGINX="${NGINX_PATH:-/usr/sbin/nginx}"
BROTLI=/usr/lib/nginx/modules/ngx_http_brotli_static_module.so
if [ -x "$NGINX" ] && [ -f "$BROTLI" ]; then exit 0; fi
PACKAGES="nginx libnginx-mod-http-brotli-static"
CMD="apt-get update && apt-get install -y $PACKAGES"
if [ "$(id -u)" -ne 0 ]; then
  echo "nginx or its Brotli module is missing and this is not root. Install them with:" >&2
  echo "  sudo sh -c '$CMD'" >&2
  exit 1
fi
echo "Installing Debian's nginx and its Brotli module…"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq $PACKAGES >/dev/null
[ -x "$NGINX" ] || { echo "nginx still missing at $NGINX after: $CMD" >&2; exit 1; }
[ -f "$BROTLI" ] || { echo "the Brotli module is still missing at $BROTLI after: $CMD" >&2; exit 1; }
