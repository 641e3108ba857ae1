#!/usr/bin/env bash
# The project's two commands.
#
#   ./build.sh run    the whole stack: AppHost, dashboard, gateway on http://localhost:8080
#   ./build.sh test   every test, against real PostgreSQL and RabbitMQ; ends with "N passed, N failed"
#
# Without a container engine, both install PostgreSQL and RabbitMQ from the OS packages when missing
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
  # One test project at a time: the store under test and the AppHost's store would otherwise
  # compete for the same command queue on the shared broker.
  for project in tests/*.Tests/*.Tests.csproj; do
    dotnet test "$project" --no-build --logger "console;verbosity=minimal" 2>&1 | tee -a "$log" || status=1
  done
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
