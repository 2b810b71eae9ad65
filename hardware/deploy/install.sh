#!/usr/bin/env bash
# Installs the Resonant Learner service on a Raspberry Pi (README.md, "Deploy on a Raspberry Pi").
# Run as root from a clone in which the jar is built (src/bin/rl build):
#
#   sudo hardware/deploy/install.sh [--config FILE] [--jar FILE] [--root DIR] [--no-systemctl]
#
# It installs, under DIR (default /):
#   /opt/resonant-learner/resonant-learner.jar and README.md   (replaced on every install)
#   /usr/local/bin/rl                                         (the command: hardware/deploy/rl)
#   /etc/resonant-learner/config.json                         (only if absent: --config FILE, default
#                                                              hardware/deploy/config-serial.json)
#   /var/lib/resonant-learner                                 (the service's home; records in runs/)
#   /etc/systemd/system/resonant-learner.service, /etc/udev/rules.d/99-resonant-learner.rules
# and, when DIR is /, creates the system user `resonant` in the hardware groups that exist, gives it
# /var/lib/resonant-learner, and reloads systemd and udev (unless --no-systemctl). It neither enables
# nor starts the service: edit the config first, then `systemctl enable --now resonant-learner`.
# A DIR other than / stages the files there without users or reloads (used by the tests).
set -euo pipefail
deploy="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$deploy/../.." && pwd)"

root=/
jar="$repo/target/resonant-learner.jar"
config="$deploy/config-serial.json"
reload=true
usage() { sed -n '2,18s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; }
while [ $# -gt 0 ]; do
  case "$1" in
    --root) root="${2:?--root needs a directory}"; shift 2 ;;
    --jar) jar="${2:?--jar needs a file}"; shift 2 ;;
    --config) config="${2:?--config needs a file}"; shift 2 ;;
    --no-systemctl) reload=false; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "install.sh: unknown argument '$1' (try --help)" >&2; exit 2 ;;
  esac
done
for file in "$jar" "$config"; do
  if [ ! -f "$file" ]; then
    echo "install.sh: $file is missing (build the jar with src/bin/rl build)" >&2
    exit 2
  fi
done
root="$(readlink -m "$root")"
system=false
[ "$root" = / ] && system=true
if $system && [ "$(id -u)" -ne 0 ]; then
  echo "install.sh: run it as root (sudo), or stage the files with --root DIR" >&2
  exit 2
fi
prefix="${root%/}"
user=resonant
state=/var/lib/resonant-learner

if $system && ! id "$user" >/dev/null 2>&1; then
  groups=()
  for group in gpio i2c spi dialout; do
    getent group "$group" >/dev/null && groups+=("$group")
  done
  useradd --system --home-dir "$state" --no-create-home --shell /usr/sbin/nologin \
    ${groups[@]:+--groups "$(IFS=,; echo "${groups[*]}")"} "$user"
  echo "install.sh: created the system user $user (groups: ${groups[*]:-none})"
fi

install -D -m 644 "$jar" "$prefix/opt/resonant-learner/resonant-learner.jar"
install -D -m 644 "$repo/README.md" "$prefix/opt/resonant-learner/README.md"
install -D -m 755 "$deploy/rl" "$prefix/usr/local/bin/rl"
if [ -e "$prefix/etc/resonant-learner/config.json" ]; then
  echo "install.sh: kept the existing /etc/resonant-learner/config.json"
else
  install -D -m 644 "$config" "$prefix/etc/resonant-learner/config.json"
fi
install -d -m 750 "$prefix$state"
$system && chown "$user:$user" "$state"
install -D -m 644 "$deploy/resonant-learner.service" "$prefix/etc/systemd/system/resonant-learner.service"
install -D -m 644 "$deploy/99-resonant-learner.rules" "$prefix/etc/udev/rules.d/99-resonant-learner.rules"

if $system && $reload; then
  systemctl daemon-reload
  udevadm control --reload && udevadm trigger --subsystem-match=tty
fi
echo "install.sh: installed under $root; next: edit /etc/resonant-learner/config.json, check the rig with" \
  "'rl selftest --config /etc/resonant-learner/config.json', then 'systemctl enable --now resonant-learner'"
