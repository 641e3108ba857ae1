#!/usr/bin/env bash
# Builds the stack and the bench (Release), starts the AppHost on the servers of eng/infra.sh (the RETURNINGAI_* exports),
# runs the bench against it with the arguments given, and stops the AppHost. For example, the scenarios of P15 item 4:
#   bench/run.sh --only f,g,h --seconds 10 --rounds 3
# Ports of the dashboard and the gateway: BENCH_PORTS="17592 17593 17594 18592" (defaults below); more AppHost arguments in
# APPHOST_ARGS. With --DcpPublisher:RandomizePorts=true (another stack runs on this machine: the services' fixed launch
# ports would collide) the gateway's port is random too, and the bench talks to the gateway process's own address.
set -euo pipefail
cd "$(dirname "$0")/.."
read -r DASHBOARD OTLP RESOURCES GATEWAY <<<"${BENCH_PORTS:-17392 17393 17394 18392}"
TOKEN=bench-admin-token-0123456789abcdef
dotnet build -c Release ReturningAi.AppHost >/dev/null
dotnet build -c Release bench/ReturningAi.Bench >/dev/null
log=$(mktemp)
env "Parameters__platform-admin-token=$TOKEN" ASPNETCORE_URLS=http://localhost:$DASHBOARD \
  ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL=http://localhost:$OTLP ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL=http://localhost:$RESOURCES \
  ASPIRE_ALLOW_UNSECURED_TRANSPORT=true DOTNET_ENVIRONMENT=Development \
  Webhooks__AllowHttp=true Webhooks__AllowedNetworks__0=127.0.0.0/8 \
  ReturningAi.AppHost/bin/Release/net10.0/ReturningAi.AppHost \
  --Infrastructure:Mode=local --Infrastructure:PostgresPort="${RETURNINGAI_PG_PORT:-55432}" \
  --Infrastructure:RabbitMqPort="${RETURNINGAI_RABBITMQ_PORT:-55672}" --Infrastructure:RedisPort="${RETURNINGAI_REDIS_PORT:-56379}" \
  --Gateway:Port="$GATEWAY" --Gateway:RateLimitPermitsPerWindow=100000000 ${APPHOST_ARGS:-} >"$log" 2>&1 &
apphost=$!
trap 'kill "$apphost" 2>/dev/null; wait "$apphost" 2>/dev/null || true' EXIT
gateway_url() {
  if [[ "${APPHOST_ARGS:-}" == *RandomizePorts=true* ]]; then
    local pid
    pid=$(pgrep -nf "$PWD/src/ReturningAi.Gateway/bin" || true)
    if [ -n "$pid" ]; then tr '\0' '\n' <"/proc/$pid/environ" | sed -n 's/^ASPNETCORE_URLS=//p'; fi
  else
    echo "http://localhost:$GATEWAY"
  fi
}
for _ in $(seq 1 180); do
  url=$(gateway_url || true)
  if [ -n "$url" ] && curl -fs "$url/health" >/dev/null 2>&1; then break; fi
  kill -0 "$apphost" 2>/dev/null || { cat "$log"; exit 1; }
  sleep 1
done
sleep 10 # the services behind the gateway finish their migrations and bus topology
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
dotnet run -c Release --no-build --project bench/ReturningAi.Bench -- --gateway "$url" --admin-token "$TOKEN" "$@"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
