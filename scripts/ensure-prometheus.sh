#!/usr/bin/env bash
# Makes sure Prometheus' own checkers are here for the monitoring tests: promtool and prometheus (Debian's
# `prometheus` package) and amtool (`prometheus-alertmanager`). Installs them with apt when running as root.
set -euo pipefail
missing=()
command -v promtool >/dev/null && command -v prometheus >/dev/null || missing+=(prometheus)
command -v amtool >/dev/null || missing+=(prometheus-alertmanager)
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "ensure-prometheus: installing ${missing[*]} with apt" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null 2>&1 \
    || { apt-get update >/dev/null 2>&1 && apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null; }
  exit 0
fi
echo "ensure-prometheus: the monitoring tests need promtool, prometheus and amtool." >&2
echo "  Debian/Ubuntu: sudo apt-get install prometheus prometheus-alertmanager" >&2
echo "  macOS: brew install prometheus alertmanager" >&2
exit 1
