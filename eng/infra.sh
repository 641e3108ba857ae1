#!/usr/bin/env bash
# Local PostgreSQL, RabbitMQ and Redis for machines without a container engine.
#
#   eng/infra.sh install        install the OS packages if they are missing (Debian/Ubuntu, root): the
#                               three servers, and Chromium for the API reference page's browser test
#   eng/infra.sh start          start the servers in the background on 127.0.0.1 and wait until ready
#   eng/infra.sh stop           stop the servers this script started (by PID)
#   eng/infra.sh status         say which servers answer
#   eng/infra.sh running        exit 0 when all three answer, 1 otherwise (quietly)
#   eng/infra.sh stop-rabbitmq | start-rabbitmq | stop-postgres | start-postgres | stop-redis | start-redis
#                               one server alone (the fault tests restart them)
#   eng/infra.sh run-postgres   run PostgreSQL in the foreground (the AppHost's executable resource)
#   eng/infra.sh run-rabbitmq   run RabbitMQ in the foreground (the AppHost's executable resource)
#   eng/infra.sh run-redis      run Redis in the foreground (the AppHost's executable resource)
#
# Settings (environment): RETURNINGAI_INFRA_DIR (data, logs, PIDs; default /var/tmp/returningai-infra),
# RETURNINGAI_PG_PORT (55432), RETURNINGAI_PG_PASSWORD (returningai-dev),
# RETURNINGAI_RABBITMQ_PORT (55672), RETURNINGAI_REDIS_PORT (56379). Non-default ports keep clear of
# servers the machine already runs.
set -euo pipefail

INFRA_DIR=${RETURNINGAI_INFRA_DIR:-/var/tmp/returningai-infra}
PG_PORT=${RETURNINGAI_PG_PORT:-55432}
PG_PASSWORD=${RETURNINGAI_PG_PASSWORD:-returningai-dev}
RABBIT_PORT=${RETURNINGAI_RABBITMQ_PORT:-55672}
RABBIT_DIST_PORT=$((RABBIT_PORT - 20000))
PG_DATA=$INFRA_DIR/postgres/data
PG_SOCKETS=$INFRA_DIR/postgres/sockets
RABBIT_BASE=$INFRA_DIR/rabbitmq
REDIS_PORT=${RETURNINGAI_REDIS_PORT:-56379}
REDIS_DIR=$INFRA_DIR/redis

log() { echo "infra: $*" >&2; }

pg_bin_dir() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  [ -n "$dir" ] && [ -x "$dir/postgres" ] && echo "$dir"
}

# Servers refuse to run as root; run them as their own system user when we are root.
as_user() {
  local user=$1; shift
  if [ "$(id -u)" = 0 ]; then runuser -u "$user" -- "$@"; else "$@"; fi
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

cmd_install() {
  local missing=()
  [ -n "$(pg_bin_dir)" ] || missing+=(postgresql)
  [ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] || missing+=(rabbitmq-server)
  [ -x /usr/bin/redis-server ] || missing+=(redis-server)
  command -v chromium >/dev/null || missing+=(chromium)
  if [ ${#missing[@]} -eq 0 ]; then log "PostgreSQL, RabbitMQ, Redis and Chromium are installed"; return; fi
  log "installing ${missing[*]} from the OS packages"
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update -qq
  # The packages' own service start fails without systemd; that is fine, this script starts them.
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null || true
  [ -n "$(pg_bin_dir)" ] || { log "PostgreSQL did not install"; exit 1; }
  [ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] || { log "RabbitMQ did not install"; exit 1; }
  [ -x /usr/bin/redis-server ] || { log "Redis did not install"; exit 1; }
  command -v chromium >/dev/null || { log "Chromium did not install"; exit 1; }
}

prepare_postgres() {
  local bin; bin=$(pg_bin_dir) || { log "PostgreSQL is not installed: run eng/infra.sh install"; exit 1; }
  mkdir -p "$INFRA_DIR/postgres" "$PG_SOCKETS"
  chmod 755 "$INFRA_DIR" "$INFRA_DIR/postgres"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$INFRA_DIR/postgres" "$PG_SOCKETS"
  if [ ! -f "$PG_DATA/PG_VERSION" ]; then
    local pwfile; pwfile=$(mktemp); printf '%s\n' "$PG_PASSWORD" >"$pwfile"; chmod 644 "$pwfile"
    as_user postgres "$bin/initdb" -D "$PG_DATA" -U postgres --pwfile="$pwfile" \
      --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null
    rm -f "$pwfile"
  fi
}

# shared_buffers: PostgreSQL's default 128 MB holds less than one 100,000-user community's users and values, so a search
# read them from the OS cache page by page (bench scenario g); 512 MB is the usual 25 % of a 2 GiB server.
postgres_args() {
  echo "-D $PG_DATA -k $PG_SOCKETS -p $PG_PORT -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=on -c shared_buffers=512MB"
}

prepare_rabbitmq() {
  [ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] || { log "RabbitMQ is not installed: run eng/infra.sh install"; exit 1; }
  mkdir -p "$RABBIT_BASE/mnesia" "$RABBIT_BASE/log" "$RABBIT_BASE/home"
  cat >"$RABBIT_BASE/rabbitmq.conf" <<CONF
listeners.tcp.1 = 127.0.0.1:$RABBIT_PORT
loopback_users.guest = true
log.console = true
log.file = false
CONF
  [ -f "$RABBIT_BASE/enabled_plugins" ] || echo "[]." >"$RABBIT_BASE/enabled_plugins"
  [ "$(id -u)" = 0 ] && chown -R rabbitmq:rabbitmq "$RABBIT_BASE"
  chmod 755 "$INFRA_DIR"
}

rabbit_env() {
  RABBIT_ENV=(env HOME="$RABBIT_BASE/home"
    RABBITMQ_NODENAME="returningai$RABBIT_PORT@localhost"
    RABBITMQ_CONFIG_FILE="$RABBIT_BASE/rabbitmq.conf"
    RABBITMQ_ENABLED_PLUGINS_FILE="$RABBIT_BASE/enabled_plugins"
    RABBITMQ_MNESIA_BASE="$RABBIT_BASE/mnesia"
    RABBITMQ_LOG_BASE="$RABBIT_BASE/log"
    RABBITMQ_DIST_PORT="$RABBIT_DIST_PORT"
    ERL_EPMD_ADDRESS=127.0.0.1
    "RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS=-kernel inet_dist_use_interface {127,0,0,1}")
}

prepare_redis() {
  [ -x /usr/bin/redis-server ] || { log "Redis is not installed: run eng/infra.sh install"; exit 1; }
  mkdir -p "$REDIS_DIR"
  chmod 755 "$INFRA_DIR"
  [ "$(id -u)" = 0 ] && chown redis:redis "$REDIS_DIR"
}

# Rate-limit counters only: no persistence, so a restart starts from empty counters (as a new window would).
redis_args() {
  echo "--bind 127.0.0.1 --port $REDIS_PORT --dir $REDIS_DIR --save '' --appendonly no --protected-mode yes --daemonize no"
}

wait_for_port() {
  local name=$1 port=$2 seconds=$3 pid=$4
  for _ in $(seq 1 "$((seconds * 2))"); do
    port_open "$port" && return 0
    kill -0 "$pid" 2>/dev/null || { log "$name exited; see $INFRA_DIR"; return 1; }
    sleep 0.5
  done
  log "$name did not open 127.0.0.1:$port within ${seconds}s; see $INFRA_DIR"
  return 1
}

wait_for_postgres() {
  local bin; bin=$(pg_bin_dir)
  for _ in $(seq 1 120); do
    "$bin/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" && return 0
    sleep 0.5
  done
  log "PostgreSQL is not ready on 127.0.0.1:$PG_PORT; see $INFRA_DIR/postgres/postgres.log"
  return 1
}

cmd_start() {
  start_postgres
  start_rabbitmq
  start_redis
}

start_postgres() {
  if port_open "$PG_PORT"; then
    log "PostgreSQL already answers on 127.0.0.1:$PG_PORT"
  else
    prepare_postgres
    local bin; bin=$(pg_bin_dir)
    # setsid: its own session, so that ending whatever started it (a test run killed mid-way) leaves it running.
    # shellcheck disable=SC2046
    setsid bash -c "$(declare -f as_user); as_user postgres \"\$@\"" _ "$bin/postgres" $(postgres_args) \
      >"$INFRA_DIR/postgres/postgres.log" 2>&1 </dev/null &
    echo $! >"$INFRA_DIR/postgres.pid"
    wait_for_postgres
    log "PostgreSQL started on 127.0.0.1:$PG_PORT (pid $(cat "$INFRA_DIR/postgres.pid"))"
  fi
}

# Runs "$0 <command>" in the background, in its own session (setsid: its own process group, so stop ends a
# server and its helpers together), and waits for its port. Args: name port pid-name log command seconds.
start_background() {
  local name=$1 port=$2 pid_file=$INFRA_DIR/$3.pid log_file=$4 command=$5 seconds=$6
  setsid "$0" "$command" >"$log_file" 2>&1 </dev/null &
  echo $! >"$pid_file"
  wait_for_port "$name" "$port" "$seconds" "$(cat "$pid_file")"
  log "$name started on 127.0.0.1:$port (pid $(cat "$pid_file"))"
}

start_rabbitmq() {
  if port_open "$RABBIT_PORT"; then
    log "RabbitMQ already answers on 127.0.0.1:$RABBIT_PORT"
  else
    prepare_rabbitmq
    start_background RabbitMQ "$RABBIT_PORT" rabbitmq "$RABBIT_BASE/server.log" run-rabbitmq 120
  fi
}

start_redis() {
  if port_open "$REDIS_PORT"; then
    log "Redis already answers on 127.0.0.1:$REDIS_PORT"
  else
    prepare_redis
    start_background Redis "$REDIS_PORT" redis "$REDIS_DIR/redis.log" run-redis 30
  fi
}

stop_pid_file() {
  local name=$1 file=$2 signal=$3
  [ -f "$file" ] || return 0
  local pid; pid=$(cat "$file")
  if kill -0 "$pid" 2>/dev/null; then
    log "stopping $name (pid $pid)"
    kill "-$signal" -- "-$pid" 2>/dev/null || kill "-$signal" "$pid" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -KILL -- "-$pid" 2>/dev/null || true
  fi
  rm -f "$file"
}

cmd_stop() {
  stop_postgres || true
  stop_rabbitmq || true
  stop_redis || true
}

# PostgreSQL: pg_ctl's fast shutdown, on the data directory this script started it on.
stop_postgres() {
  if [ ! -f "$INFRA_DIR/postgres.pid" ] && port_open "$PG_PORT"; then
    log "PostgreSQL on 127.0.0.1:$PG_PORT was not started by this script; leaving it alone"
    return 1
  fi
  if [ -f "$INFRA_DIR/postgres.pid" ]; then
    as_user postgres "$(pg_bin_dir)/pg_ctl" stop -D "$PG_DATA" -m fast -w -t 60 >/dev/null 2>&1 || true
    rm -f "$INFRA_DIR/postgres.pid"
    log "PostgreSQL stopped"
  fi
}

stop_rabbitmq() {
  if [ ! -f "$INFRA_DIR/rabbitmq.pid" ] && port_open "$RABBIT_PORT"; then
    log "RabbitMQ on 127.0.0.1:$RABBIT_PORT was not started by this script; leaving it alone"
    return 1
  fi
  stop_pid_file RabbitMQ "$INFRA_DIR/rabbitmq.pid" TERM
  # epmd outlives the broker; it was started for this node only if nothing else runs Erlang.
  pgrep -x beam.smp >/dev/null || pkill -x epmd 2>/dev/null || true
}

stop_redis() {
  if [ ! -f "$INFRA_DIR/redis.pid" ] && port_open "$REDIS_PORT"; then
    log "Redis on 127.0.0.1:$REDIS_PORT was not started by this script; leaving it alone"
    return 1
  fi
  stop_pid_file Redis "$INFRA_DIR/redis.pid" TERM
}

cmd_status() {
  port_open "$PG_PORT" && log "PostgreSQL answers on 127.0.0.1:$PG_PORT" || log "PostgreSQL is down (127.0.0.1:$PG_PORT)"
  port_open "$RABBIT_PORT" && log "RabbitMQ answers on 127.0.0.1:$RABBIT_PORT" || log "RabbitMQ is down (127.0.0.1:$RABBIT_PORT)"
  port_open "$REDIS_PORT" && log "Redis answers on 127.0.0.1:$REDIS_PORT" || log "Redis is down (127.0.0.1:$REDIS_PORT)"
}

cmd_run_postgres() {
  prepare_postgres
  local bin; bin=$(pg_bin_dir)
  # shellcheck disable=SC2046
  if [ "$(id -u)" = 0 ]; then exec runuser -u postgres -- "$bin/postgres" $(postgres_args); fi
  exec "$bin/postgres" $(postgres_args)
}

cmd_run_rabbitmq() {
  prepare_rabbitmq
  rabbit_env
  cd "$RABBIT_BASE"
  if [ "$(id -u)" = 0 ]; then exec runuser -u rabbitmq -- "${RABBIT_ENV[@]}" /usr/lib/rabbitmq/bin/rabbitmq-server; fi
  exec "${RABBIT_ENV[@]}" /usr/lib/rabbitmq/bin/rabbitmq-server
}

cmd_run_redis() {
  prepare_redis
  # shellcheck disable=SC2046
  eval set -- $(redis_args)
  if [ "$(id -u)" = 0 ]; then exec runuser -u redis -- /usr/bin/redis-server "$@"; fi
  exec /usr/bin/redis-server "$@"
}

case "${1:-}" in
  install) cmd_install ;;
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  running) port_open "$PG_PORT" && port_open "$RABBIT_PORT" && port_open "$REDIS_PORT" ;;
  stop-rabbitmq) stop_rabbitmq ;;
  start-rabbitmq) start_rabbitmq ;;
  stop-postgres) stop_postgres ;;
  start-postgres) start_postgres ;;
  stop-redis) stop_redis ;;
  start-redis) start_redis ;;
  run-postgres) cmd_run_postgres ;;
  run-rabbitmq) cmd_run_rabbitmq ;;
  run-redis) cmd_run_redis ;;
  *) sed -n '2,19p' "$0"; exit 2 ;;
esac
