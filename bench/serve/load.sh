#!/usr/bin/env bash
# bench/serve/load.sh [SSE_HARNESS] [CORPUS]: load benchmark of `sse-harness serve` (a benchmark,
# not a test: it prints figures). Holds 10,000 concurrent streaming replays on loopback twice:
#   1. h2load --h1 (Debian nghttp2-client), 10,000 connections, GET …/v1/events over every case;
#   2. bench/serve/load.py, a verifying asyncio client: 10,000 concurrent connections, every stream
#      read to the end, de-chunked and compared byte for byte with the case's stream bytes.
# Prints streams/s, bytes/s, time to first byte p50/p99, the server's peak RSS (VmHWM) and peak
# fd count, failures and corrupted streams. Exit 1 if any stream failed or was corrupted, 2 if the
# bench could not run. Installs nghttp2-client from Debian (apt-get) only when h2load is missing.
# All traffic goes to 127.0.0.1; every phase is bounded in time (total well under 3 minutes).
#
# Knobs (environment): CONNECTIONS (10000), H2LOAD_REQUESTS (100000), VERIFY_ROUNDS (2: requests
# per verifying connection, kept alive), SKIP_H2LOAD=1 (verifier only).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
SSE_HARNESS=${1:-$root/build/sse-harness}
CORPUS=${2:-$root/corpus}
CONNECTIONS=${CONNECTIONS:-10000}
H2LOAD_REQUESTS=${H2LOAD_REQUESTS:-100000}
VERIFY_ROUNDS=${VERIFY_ROUNDS:-2}

[[ -x $SSE_HARNESS ]] || { echo "load.sh: no executable $SSE_HARNESS" >&2; exit 2; }
[[ -d $CORPUS ]] || { echo "load.sh: no corpus directory $CORPUS" >&2; exit 2; }
# ---- tools: h2load (Debian nghttp2-client) and python3, installed from Debian only when missing ----
need=()
[[ ${SKIP_H2LOAD:-0} == 1 ]] || command -v h2load >/dev/null || need+=(nghttp2-client)
command -v python3 >/dev/null || need+=(python3)
if (( ${#need[@]} )); then
  if [[ $(id -u) -eq 0 ]]; then sudo=(); elif command -v sudo >/dev/null; then sudo=(sudo -n); else
    echo "load.sh: ${need[*]} missing, and neither root nor sudo to install it" >&2; exit 2
  fi
  echo "load.sh: installing ${need[*]} from Debian"
  "${sudo[@]}" apt-get update -qq >/dev/null
  for pkg in "${need[@]}"; do
    policy=$(apt-cache policy "$pkg" 2>/dev/null || true)  # not piped into grep -q: pipefail
    if ! grep -q 'Candidate: [0-9]' <<<"$policy"; then
      echo "load.sh: apt has no candidate for $pkg" >&2; exit 2
    fi
  done
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends \
    "${need[@]}" >/dev/null
  [[ ${SKIP_H2LOAD:-0} == 1 ]] || command -v h2load >/dev/null ||
    { echo "load.sh: h2load still missing" >&2; exit 2; }
  command -v python3 >/dev/null || { echo "load.sh: python3 still missing" >&2; exit 2; }
fi

# ---- file descriptors: 10,000 connections need 10,000+ fds on both ends ----
# Raise the hard limit (root may, up to fs.nr_open), then the soft one, as far as allowed.
want=$(cat /proc/sys/fs/nr_open 2>/dev/null || echo 1048576)
(( want > 1048576 )) && want=1048576
ulimit -Hn "$want" 2>/dev/null || true
ulimit -Sn "$(ulimit -Hn)" 2>/dev/null || ulimit -Sn unlimited 2>/dev/null || true
echo "load.sh: fd limit $(ulimit -n) (soft) / $(ulimit -Hn) (hard)"
fds_needed=$((CONNECTIONS + 200))
if (( $(ulimit -n) < fds_needed )); then
  echo "load.sh: warning: fd limit $(ulimit -n) is below $fds_needed; connections will fail" >&2
fi

args=("$SSE_HARNESS" "$CORPUS" --connections "$CONNECTIONS" --h2load-requests "$H2LOAD_REQUESTS"
      --rounds "$VERIFY_ROUNDS")
[[ ${SKIP_H2LOAD:-0} == 1 ]] && args+=(--skip-h2load)
# The whole bench is bounded: load.py bounds each phase; this is the backstop.
exec timeout --kill-after=10 240 python3 "$here/load.py" "${args[@]}"
