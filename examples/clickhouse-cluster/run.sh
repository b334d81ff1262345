#!/usr/bin/env bash
# Runs the ClickHouse cluster example against a throwaway two-shard cluster on 127.0.0.1: installs Debian's
# clickhouse-server and clickhouse-client when missing (root), starts two servers (cluster.sh: their own
# configs, ports and data directories in a temporary directory), runs index.mjs and the ClickHouse property
# tests of patronage/sql (test/sql/rfmSummarySql.clickhouse.test.ts) on them, and stops both servers by PID on
# exit. Needs the package built (npm run build) first.
#   bash examples/clickhouse-cluster/run.sh            the example and the property tests
#   bash examples/clickhouse-cluster/run.sh bench      the benchmark (bench.mjs; BENCH_CUSTOMERS, BENCH_RUNS)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
if ! command -v clickhouse-server >/dev/null 2>&1 || ! command -v clickhouse-client >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq clickhouse-server clickhouse-client >/dev/null
fi
# shellcheck source=cluster.sh
source "$here/cluster.sh"
trap 'status=$?; if [ "$status" -ne 0 ]; then cluster_logs; fi; stop_cluster' EXIT
start_cluster
shards="http://127.0.0.1:$(http_port 1),http://127.0.0.1:$(http_port 2)"
cd "$root"
if [ "${1:-}" = bench ]; then
  CLICKHOUSE_SHARDS=$shards CLICKHOUSE_CLUSTER=$CLUSTER_NAME node "$here/bench.mjs"
else
  CLICKHOUSE_SHARDS=$shards CLICKHOUSE_CLUSTER=$CLUSTER_NAME node "$here/index.mjs"
  PATRONAGE_TEST_CLICKHOUSE="http://127.0.0.1:$(http_port 1)" npx vitest run --project example \
    test/sql/rfmSummarySql.clickhouse.test.ts test/sql/scoreSql.clickhouse.test.ts
fi
