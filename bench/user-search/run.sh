#!/usr/bin/env bash
# The user search's SQL against 100,000 users with six custom fields (plus 100,000 of another community):
# the typed values table the service uses (T*.sql) and the JSONB + GIN alternative (J*.sql), each a
# count and a page of 200 as POST /users/search sends them. Prints p50/p95 of 35 runs of each.
#   bench/user-search/run.sh            (with the exports of eng/infra.sh; creates database p11_bench)
set -euo pipefail
cd "$(dirname "$0")"
export PGPASSWORD=${RETURNINGAI_PG_PASSWORD:-returningai-dev}
PORT=${RETURNINGAI_PG_PORT:-55432}
BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
"$BIN/psql" -q -h 127.0.0.1 -p "$PORT" -U postgres -f schema.sql
for script in T1 J1 T2 J2 T3 T4 J4 T5 J5 T6; do
  log=$(mktemp -d)
  (cd "$log" && "$BIN/pgbench" -n -h 127.0.0.1 -p "$PORT" -U postgres -d p11_bench -f "$OLDPWD/$script.sql" -t 40 -c 1 -l >/dev/null 2>&1)
  cat "$log"/pgbench_log.* | awk '{print $3/1000}' | tail -n +6 | sort -n | awk -v s="$script" '{v[NR]=$1} END {printf "%s p50 %.1f ms p95 %.1f ms\n", s, v[int(NR*0.5)+1], v[int(NR*0.95)]}'
  rm -rf "$log"
done
"$BIN/psql" -q -h 127.0.0.1 -p "$PORT" -U postgres -c 'DROP DATABASE p11_bench'
