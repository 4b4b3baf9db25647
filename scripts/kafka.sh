#!/usr/bin/env bash
# Single-node Apache Kafka (KRaft, broker+controller in one JVM) from Maven Central jars.
#
#   scripts/kafka.sh start [--keep-data]   start in the background, print bootstrap when ready
#   scripts/kafka.sh stop                  TERM, KILL after KAFKA_STOP_TIMEOUT s (idempotent)
#   scripts/kafka.sh restart               stop + start --keep-data (topics/offsets survive)
#   scripts/kafka.sh status                exit 0 if running
#   scripts/kafka.sh brokers               print the bootstrap string (127.0.0.1:PORT)
#
# Env: KAFKA_PORT (9092), KAFKA_CONTROLLER_PORT (PORT+1), KAFKA_DATA_DIR (/tmp/rapport-kafka),
#      KAFKA_LOG_FILE (/tmp/rapport-kafka-PORT.log), KAFKA_START_TIMEOUT (120), KAFKA_STOP_TIMEOUT (15), RAPPORT_CACHE_DIR (~/.cache/rapport).
# Progress goes to stderr; stdout carries only the bootstrap string.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
POM="$ROOT/scripts/kafka/pom.xml"
LOG4J="$ROOT/scripts/kafka/log4j.properties"
PORT="${KAFKA_PORT:-9092}"
CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-$((PORT + 1))}"
DATA_DIR="${KAFKA_DATA_DIR:-/tmp/rapport-kafka}"
PID_FILE="/tmp/rapport-kafka-$PORT.pid"
LOG_FILE="${KAFKA_LOG_FILE:-/tmp/rapport-kafka-$PORT.log}"
CLUSTER_ID="cmFwcG9ydC1rYWZrYS0wMQ" # fixed: base64url("rapport-kafka-01")
BOOTSTRAP="127.0.0.1:$PORT"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

say() { echo "kafka.sh: $*" >&2; }
die() { say "$*"; exit 1; }

# Runtime classpath, resolved once per (kafka version, pom.xml content) and cached outside the repo.
classpath() {
  local version hash dir cp
  version="$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$POM")"
  hash="$(sha256sum "$POM" | cut -c1-12)"
  dir="${RAPPORT_CACHE_DIR:-$HOME/.cache/rapport}/kafka-$version-$hash"
  cp="$dir/cp.txt"
  if [[ -s "$cp" ]] && tr ':' '\n' <"$cp" | while read -r jar; do [[ -f "$jar" ]] || exit 1; done; then
    cat "$cp"; return
  fi
  command -v mvn >/dev/null || die "Maven (mvn) not found: it is needed once, to fetch Kafka's jars from Maven Central"
  say "resolving Kafka $version classpath with Maven (first run only)..."
  mkdir -p "$dir"
  mvn -B -q -f "$POM" dependency:build-classpath -Dmdep.outputFile="$cp.tmp.$$" -Dmdep.includeScope=runtime \
    >"$dir/mvn.log" 2>&1 || { cat "$dir/mvn.log" >&2; die "Maven could not resolve Kafka's jars (is Maven Central reachable? log: $dir/mvn.log)"; }
  mv "$cp.tmp.$$" "$cp"
  cat "$cp"
}

running_pid() { # prints the pid if our broker is alive
  local pid
  [[ -f "$PID_FILE" ]] || return 1
  pid="$(cat "$PID_FILE")"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null && grep -q kafka.Kafka "/proc/$pid/cmdline" 2>/dev/null || return 1
  echo "$pid"
}

write_properties() {
  cat >"$DATA_DIR/server.properties" <<EOF
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$PORT,CONTROLLER://127.0.0.1:$CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$DATA_DIR/data
num.partitions=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=true
EOF
}

# One readiness probe: kafkajs admin listTopics() if installed, else TCP port + "started" log line.
probe() {
  if [[ -d "$ROOT/node_modules/kafkajs" ]]; then
    (cd "$ROOT" && node -e '
      const { Kafka, logLevel } = require("kafkajs");
      const admin = new Kafka({ brokers: [process.argv[1]], logLevel: logLevel.NOTHING,
        connectionTimeout: 1000, requestTimeout: 2000, retry: { retries: 0 } }).admin();
      admin.connect().then(() => admin.listTopics()).then(() => process.exit(0), () => process.exit(1));
    ' "$BOOTSTRAP") >/dev/null 2>&1
  else
    (: <"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && grep -q "Kafka Server started" "$LOG_FILE"
  fi
}

start() {
  local keep=false cp pid deadline
  [[ "${1:-}" == "--keep-data" ]] && keep=true
  if pid="$(running_pid)"; then die "already running (pid $pid) on $BOOTSTRAP; run '$0 stop' first"; fi
  if (: <"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then die "port $PORT is already in use by another process"; fi
  command -v "$JAVA" >/dev/null || die "no Java: '$JAVA' not found (install a JDK 17 or later, or set JAVA_HOME)"
  cp="$(classpath)"

  [[ -n "$DATA_DIR" && "$DATA_DIR" != "/" ]] || die "refusing to use KAFKA_DATA_DIR='$DATA_DIR'"
  if $keep && [[ -f "$DATA_DIR/data/meta.properties" ]]; then
    say "keeping existing data in $DATA_DIR"
    write_properties
  else
    rm -rf "$DATA_DIR" && mkdir -p "$DATA_DIR"
    write_properties
    "$JAVA" -Xmx256m -Dlog4j.configuration="file:$LOG4J" -cp "$cp" kafka.tools.StorageTool \
      format -t "$CLUSTER_ID" -c "$DATA_DIR/server.properties" --ignore-formatted >"$LOG_FILE" 2>&1 \
      || { tail -n 30 "$LOG_FILE" >&2; die "storage format failed"; }
  fi

  say "starting broker on $BOOTSTRAP (log: $LOG_FILE)"
  setsid "$JAVA" -Xms256m -Xmx768m -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:+ExitOnOutOfMemoryError \
    -Djava.awt.headless=true -Dlog4j.configuration="file:$LOG4J" \
    -cp "$cp" kafka.Kafka "$DATA_DIR/server.properties" >>"$LOG_FILE" 2>&1 </dev/null &
  pid=$!
  echo "$pid" >"$PID_FILE"

  deadline=$((SECONDS + ${KAFKA_START_TIMEOUT:-120}))
  until probe; do
    if ! kill -0 "$pid" 2>/dev/null; then tail -n 40 "$LOG_FILE" >&2; rm -f "$PID_FILE"; die "broker exited during start-up"; fi
    if ((SECONDS >= deadline)); then tail -n 40 "$LOG_FILE" >&2; stop; die "broker not ready after ${KAFKA_START_TIMEOUT:-120}s"; fi
    sleep 1
  done
  say "ready after ${SECONDS}s"
  echo "$BOOTSTRAP"
}

stop() {
  local pid deadline
  if ! pid="$(running_pid)"; then rm -f "$PID_FILE"; say "not running"; return 0; fi
  say "stopping pid $pid"
  kill -TERM "$pid" 2>/dev/null || true
  deadline=$((SECONDS + ${KAFKA_STOP_TIMEOUT:-15}))
  while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.5; done
  if kill -0 "$pid" 2>/dev/null; then say "still alive after ${KAFKA_STOP_TIMEOUT:-15}s, sending KILL"; kill -KILL "$pid" 2>/dev/null || true; fi
  while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
  rm -f "$PID_FILE"
}

case "${1:-}" in
  start) shift; start "$@" ;;
  stop) stop ;; # data is never wiped by stop; only a plain 'start' wipes it
  restart) stop; start --keep-data ;;
  status) if pid="$(running_pid)"; then say "running (pid $pid) on $BOOTSTRAP"; else say "not running"; exit 1; fi ;;
  brokers) echo "$BOOTSTRAP" ;;
  *) die "usage: $0 start [--keep-data] | stop | restart | status | brokers" ;;
esac
