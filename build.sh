#!/usr/bin/env bash
# The project's two commands.
#
#   ./build.sh run    the whole stack: AppHost, dashboard, gateway on http://localhost:8080
#   ./build.sh test   every test, against real PostgreSQL, RabbitMQ and Redis; ends with "N passed, N failed"
#
# Without a container engine, both install PostgreSQL, RabbitMQ and Redis from the OS packages when missing
# (eng/infra.sh). `test` starts them for the run and stops, by PID, the ones it started.
set -euo pipefail
cd "$(dirname "$0")"

container_engine_answers() { command -v docker >/dev/null && timeout 5 docker info >/dev/null 2>&1; }

run() {
  container_engine_answers || eng/infra.sh install
  exec dotnet run --project ReturningAi.AppHost
}

test_all() {
  eng/infra.sh install
  if ! eng/infra.sh running; then
    trap 'eng/infra.sh stop' EXIT
    eng/infra.sh start
  fi

  local log; log=$(mktemp)
  local status=0
  # A failed build stops here: testing the previous build's binaries would prove nothing.
  if ! dotnet build ReturningAi.sln -clp:"Summary;ErrorsOnly" -nologo; then
    echo "The build failed." >&2
    return 1
  fi
  # Two lanes at once. Projects that host a store, Community or the whole AppHost share the broker's
  # command queues, so they run one at a time; projects marked <TestLane>independent</TestLane> in
  # their .csproj (pure code, or queues of their own) run beside them, one at a time too (2 cores).
  local out; out=$(mktemp -d)
  local shared=() independent=()
  for project in tests/*.Tests/*.Tests.csproj; do
    if grep -q '<TestLane>independent</TestLane>' "$project"; then independent+=("$project"); else shared+=("$project"); fi
  done
  run_lane() {
    local lane=$1; shift
    local failed=0
    for project in "$@"; do
      dotnet test "$project" --no-build --logger "console;verbosity=minimal" >"$out/$lane.$(basename "$project" .csproj).log" 2>&1 || failed=1
      echo "[$lane] $(basename "$project" .csproj): $(grep -hoE '(Passed|Failed)! +- +Failed: +[0-9]+, +Passed: +[0-9]+' "$out/$lane.$(basename "$project" .csproj).log" | tail -1)"
    done
    return "$failed"
  }
  run_lane independent "${independent[@]}" & local independent_pid=$!
  run_lane shared "${shared[@]}" || status=1
  wait "$independent_pid" || status=1
  # Every project's whole output, in order, after the lanes: failures print their details here.
  for file in "$out"/*.log; do cat "$file"; done | tee -a "$log"
  rm -rf "$out"
  # One line summed over every test project, from dotnet test's per-assembly summaries.
  awk '/(Passed|Failed)! +- +Failed: +[0-9]+, +Passed: +[0-9]+/ {
         gsub(",", ""); for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1) }
       } END { printf "%d passed, %d failed\n", p, f }' "$log"
  if ! grep -qE '(Passed|Failed)! +- +Failed:' "$log"; then
    echo "No test ran." >&2
    status=1
  fi
  rm -f "$log"
  return "$status"
}

case "${1:-}" in
  run) run ;;
  test) test_all ;;
  *) sed -n '2,9p' "$0"; exit 2 ;;
esac
