#!/usr/bin/env bash
# Scenario a (the page example, 16 clients) before and after the outbox, in one run: the stack of a tree
# without it and the stack of this tree, started one after the other on the same servers, alternating
# for N rounds, with the bench of this tree; and scenario e (commit to receipt) on this tree's stack.
#
#   git worktree add /tmp/p8-before 460dea3        # the last commit before the outbox
#   bench/outbox-cost.sh /tmp/p8-before [rounds]   # then: git worktree remove /tmp/p8-before
#
# Servers: eng/infra.sh's, on RETURNINGAI_PG_PORT / RETURNINGAI_RABBITMQ_PORT. Ports of the stacks:
# BENCH_GATEWAY_PORT (18289) and BENCH_DASHBOARD_PORT (17280, and the two above it).
set -euo pipefail

BEFORE=${1:?the tree without the outbox, e.g. /tmp/p8-before}
ROUNDS=${2:-3}
AFTER=$(cd "$(dirname "$0")/.." && pwd)
PG_PORT=${RETURNINGAI_PG_PORT:-55432}
RABBIT_PORT=${RETURNINGAI_RABBITMQ_PORT:-55672}
GATEWAY_PORT=${BENCH_GATEWAY_PORT:-18289}
DASHBOARD_PORT=${BENCH_DASHBOARD_PORT:-17280}
ADMIN_TOKEN=bench-admin-token-0123456789abcdef
LOGS=$(mktemp -d /tmp/outbox-cost.XXXXXX)

log() { echo "outbox-cost: $*" >&2; }

for tree in "$BEFORE" "$AFTER"; do
  log "building $tree (Release)"
  (cd "$tree" && dotnet build -c Release ReturningAi.AppHost -v q -nologo >"$LOGS/build.log" 2>&1) || { cat "$LOGS/build.log"; exit 1; }
done
(cd "$AFTER" && dotnet build -c Release bench/ReturningAi.Bench -v q -nologo >"$LOGS/build.log" 2>&1) || { cat "$LOGS/build.log"; exit 1; }

STACK_PID=""
listening() { ss -ltn "( sport = :$1 )" | grep -q LISTEN; }
stop_stack() {
  [ -n "$STACK_PID" ] || return 0
  # The AppHost itself: on SIGTERM it stops every service it started.
  kill -TERM "$STACK_PID" 2>/dev/null || true
  for _ in $(seq 1 90); do kill -0 "$STACK_PID" 2>/dev/null || break; sleep 1; done
  kill -KILL "$STACK_PID" 2>/dev/null || true
  STACK_PID=""
  for _ in $(seq 1 60); do
    listening "$GATEWAY_PORT" || listening "$DASHBOARD_PORT" || listening $((DASHBOARD_PORT + 2)) || return 0
    sleep 1
  done
  log "the stack's ports are still in use"; exit 1
}
trap stop_stack EXIT

start_stack() {
  local tree=$1 name=$2
  for port in "$GATEWAY_PORT" "$DASHBOARD_PORT" $((DASHBOARD_PORT + 1)) $((DASHBOARD_PORT + 2)); do
    if listening "$port"; then log "port $port is in use: choose others with BENCH_GATEWAY_PORT / BENCH_DASHBOARD_PORT"; exit 1; fi
  done
  log "starting the $name stack"
  (cd "$tree/ReturningAi.AppHost" && exec env "Parameters__platform-admin-token=$ADMIN_TOKEN" \
      ASPNETCORE_URLS="http://localhost:$DASHBOARD_PORT" \
      ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL="http://localhost:$((DASHBOARD_PORT + 1))" \
      ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL="http://localhost:$((DASHBOARD_PORT + 2))" \
      ASPIRE_ALLOW_UNSECURED_TRANSPORT=true DOTNET_ENVIRONMENT=Development \
      bin/Release/net10.0/ReturningAi.AppHost \
      --Infrastructure:Mode=local --Infrastructure:PostgresPort="$PG_PORT" --Infrastructure:RabbitMqPort="$RABBIT_PORT" \
      --Gateway:Port="$GATEWAY_PORT" --Gateway:RateLimitPermitsPerWindow=100000000) >"$LOGS/$name.log" 2>&1 &
  STACK_PID=$!
  for _ in $(seq 1 180); do
    kill -0 "$STACK_PID" 2>/dev/null || { log "the $name stack stopped; its log: $LOGS/$name.log"; exit 1; }
    if curl -sf "http://localhost:$GATEWAY_PORT/health" >/dev/null; then sleep 5; return 0; fi
    sleep 1
  done
  log "the $name stack did not become healthy; its log: $LOGS/$name.log"
  exit 1
}

bench() {
  (cd "$AFTER" && dotnet run -c Release --no-build --project bench/ReturningAi.Bench -- \
    --gateway "http://localhost:$GATEWAY_PORT" --admin-token "$ADMIN_TOKEN" --seconds 10 --rounds 3 --only "$1")
}

# "a. page example, 16 clients, 10 s x 3: median 340 req/s; bare Kestrel floor 1957 req/s; ..." -> "340 1957"
throughput() { sed -n 's/^a\. page example, 16 clients.*median \([0-9]*\) req\/s; bare Kestrel floor \([0-9]*\) req\/s.*/\1 \2/p'; }

: >"$LOGS/figures"
for round in $(seq 1 "$ROUNDS"); do
  start_stack "$BEFORE" before
  bench a | tee -a "$LOGS/before-bench.log" | throughput | sed "s/^/$round before /" >>"$LOGS/figures"
  stop_stack
  start_stack "$AFTER" after
  bench a,e | tee -a "$LOGS/after-bench.log" | tee >(grep '^e\. ' >>"$LOGS/events") | throughput | sed "s/^/$round after /" >>"$LOGS/figures"
  stop_stack
done

median() { sort -n | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'; }
echo
echo "round  stack   req/s  floor req/s  ratio to floor"
awk '{printf "%-6s %-7s %5s  %11s  %13.0f%%\n", $1, $2, $3, $4, 100 * $3 / $4}' "$LOGS/figures"
before=$(awk '$2 == "before" {print $3}' "$LOGS/figures" | median)
after=$(awk '$2 == "after" {print $3}' "$LOGS/figures" | median)
echo "median: before $before req/s, after $after req/s: after/before $(awk -v a="$after" -v b="$before" 'BEGIN {printf "%.0f%%", 100 * a / b}') (target >= 90%)"
echo
cat "$LOGS/events" 2>/dev/null || true
log "logs: $LOGS"
