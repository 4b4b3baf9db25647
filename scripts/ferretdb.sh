#!/usr/bin/env bash
# Local MongoDB-wire server for dev and CI: FerretDB 1.24.2 (SQLite backend),
# embedded in the tiny Go wrapper in scripts/ferretdb/. No Docker needed.
# Built with one constant overlaid so lookups by _id use FerretDB's own _id index
# (scripts/ferretdb/id-lookup.sed says why).
#
# Usage: scripts/ferretdb.sh build|start|stop|status|url
#
# Environment:
#   FERRETDB_ADDR       listen address        (default 127.0.0.1:27017)
#   FERRETDB_DATA_DIR   SQLite data directory (default /tmp/rapport-ferretdb; wiped on start)
#   FERRETDB_LOG_LEVEL  debug|info|warn|error (default warn)
#   RAPPORT_CACHE_DIR   where built binaries are kept (default ~/.cache/rapport)
# The pid and log files are "$FERRETDB_DATA_DIR.pid" and "$FERRETDB_DATA_DIR.log".
set -euo pipefail

VERSION=1.24.2
SRC_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/ferretdb"
ADDR="${FERRETDB_ADDR:-127.0.0.1:27017}"
DATA_DIR="${FERRETDB_DATA_DIR:-/tmp/rapport-ferretdb}"
DATA_DIR="${DATA_DIR%/}"
PID_FILE="$DATA_DIR.pid"
LOG_FILE="$DATA_DIR.log"
URL="mongodb://$ADDR/"
NODE_MONGODB="$SRC_DIR/../../node_modules/mongodb"
START_TIMEOUT=120

log() { echo "ferretdb: $*" >&2; }
die() { log "error: $*"; exit 1; }

# Binary path depends on a hash of the wrapper sources, so a changed wrapper
# gets rebuilt and an unchanged one is reused across clones on this machine.
binary_path() {
  local hash
  hash="$(cat "$SRC_DIR/go.mod" "$SRC_DIR/go.sum" "$SRC_DIR/main.go" "$SRC_DIR/id-lookup.sed" | sha256sum | cut -c1-16)"
  echo "${RAPPORT_CACHE_DIR:-$HOME/.cache/rapport}/ferretdb-$VERSION-$hash/ferretdb-wrapper"
}

# Writes into $1 a copy of FerretDB's sources with id-lookup.sed applied, and wrapper.mod/.sum: the
# wrapper's go.mod and go.sum with FerretDB replaced by that copy (the module cache is read-only).
write_patched_module() {
  local dir="$1" module metadata
  module="$(cd "$SRC_DIR" && go mod download -json github.com/FerretDB/FerretDB | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
  [[ -d "$module" ]] || die "FerretDB sources not found at '$module'"
  mkdir -p "$dir"
  cp -r "$module" "$dir/FerretDB"
  chmod -R u+w "$dir/FerretDB"
  metadata="$dir/FerretDB/internal/backends/sqlite/metadata/metadata.go"
  sed -i -f "$SRC_DIR/id-lookup.sed" "$metadata"
  grep -q 'IDColumn = DefaultColumn + `->"_id"`' "$metadata" || die "id-lookup.sed no longer applies to $metadata"
  cp "$SRC_DIR/go.mod" "$dir/wrapper.mod"
  cp "$SRC_DIR/go.sum" "$dir/wrapper.sum"
  printf '\nreplace github.com/FerretDB/FerretDB => %s\n' "$dir/FerretDB" >>"$dir/wrapper.mod"
}

cmd_build() {
  local bin tmp start
  bin="$(binary_path)"
  if [[ -x "$bin" ]]; then
    log "using cached $bin"
    return
  fi
  command -v go >/dev/null || die "'go' not found in PATH (Go >= 1.24 is required to build FerretDB)"
  log "building FerretDB $VERSION wrapper (first build takes a few minutes)..."
  mkdir -p "$(dirname "$bin")"
  tmp="$bin.tmp.$$"
  start=$SECONDS
  write_patched_module "$tmp.src"
  (cd "$SRC_DIR" && go build -mod=readonly -modfile "$tmp.src/wrapper.mod" -trimpath -buildvcs=false -o "$tmp" .) \
    || { rm -rf "$tmp" "$tmp.src"; die "go build failed"; }
  rm -rf "$tmp.src"
  mv -f "$tmp" "$bin"
  log "built $bin in $((SECONDS - start))s"
}

# Prints the pid if our wrapper is running according to the pid file.
running_pid() {
  local pid
  [[ -f "$PID_FILE" ]] || return 1
  pid="$(cat "$PID_FILE")"
  [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null \
    && grep -qa ferretdb-wrapper "/proc/$pid/cmdline" 2>/dev/null || return 1
  echo "$pid"
}

port_open() { (exec 3<>"/dev/tcp/${ADDR%:*}/${ADDR##*:}") 2>/dev/null; }

# Ready = answers {ping: 1} over the wire protocol via the Node driver;
# falls back to a TCP connect when node_modules/mongodb is not installed yet.
answers_ping() {
  if command -v node >/dev/null && [[ -d "$NODE_MONGODB" ]]; then
    node -e '
      const { MongoClient } = require(process.argv[1]);
      const c = new MongoClient(process.argv[2], { serverSelectionTimeoutMS: 2000 });
      c.db("admin").command({ ping: 1 })
        .then((r) => c.close().then(() => process.exit(r.ok === 1 ? 0 : 1)))
        .catch(() => process.exit(1));
    ' "$(cd "$NODE_MONGODB" && pwd)" "$URL" >/dev/null 2>&1
  else
    port_open
  fi
}

cmd_start() {
  local bin pid deadline
  cmd_build
  bin="$(binary_path)"
  cmd_stop 2>/dev/null
  port_open && die "$ADDR is already in use by another process"

  [[ -n "$DATA_DIR" && "$DATA_DIR" != "/" ]] || die "refusing to use FERRETDB_DATA_DIR='$DATA_DIR'"
  rm -rf "$DATA_DIR"
  mkdir -p "$DATA_DIR"
  nohup "$bin" -listen "$ADDR" -dir "$DATA_DIR" -log-level "${FERRETDB_LOG_LEVEL:-warn}" \
    >"$LOG_FILE" 2>&1 </dev/null &
  pid=$!
  echo "$pid" >"$PID_FILE"
  log "started pid $pid on $ADDR (data $DATA_DIR, log $LOG_FILE); waiting for ping..."

  deadline=$((SECONDS + START_TIMEOUT))
  until answers_ping; do
    if ! kill -0 "$pid" 2>/dev/null; then
      log "process exited before becoming ready; last log lines:"
      tail -n 30 "$LOG_FILE" >&2
      rm -f "$PID_FILE"
      exit 1
    fi
    if ((SECONDS >= deadline)); then
      log "not ready after ${START_TIMEOUT}s; last log lines:"
      tail -n 30 "$LOG_FILE" >&2
      cmd_stop 2>/dev/null
      exit 1
    fi
    sleep 0.5
  done
  log "ready"
  echo "$URL"
}

cmd_stop() {
  local pid i
  if ! pid="$(running_pid)"; then
    rm -f "$PID_FILE"
    log "not running"
    return 0
  fi
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 100; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "pid $pid ignored SIGTERM for 10s, sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$PID_FILE"
  log "stopped pid $pid"
}

cmd_status() {
  local pid
  if pid="$(running_pid)"; then
    log "running, pid $pid, $URL"
  else
    log "not running"
    return 1
  fi
}

case "${1:-}" in
  build) cmd_build; binary_path ;;
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  url) echo "$URL" ;;
  *) echo "usage: $0 build|start|stop|status|url" >&2; exit 2 ;;
esac
