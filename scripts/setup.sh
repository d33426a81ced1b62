#!/usr/bin/env bash
# Installs what kam needs to build (libzip and libxml2 development files, pkg-config), once.
# As root it uses apt-get; otherwise it says what to install and stops.
set -euo pipefail
need=()
pkg-config --exists libzip 2>/dev/null || need+=(libzip-dev)
pkg-config --exists libxml-2.0 2>/dev/null || need+=(libxml2-dev)
command -v pkg-config >/dev/null 2>&1 || need+=(pkg-config)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "kam setup: installing ${need[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq "${need[@]}" >/dev/null
  else
    echo "kam setup: missing ${need[*]}. Install them first, e.g.: sudo apt-get install -y ${need[*]}" >&2
    exit 2
  fi
fi
command -v swift >/dev/null 2>&1 || { echo "kam setup: the Swift toolchain (swift) is not on PATH" >&2; exit 2; }
