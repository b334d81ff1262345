#!/usr/bin/env bash
# Starts (or stops) a throwaway two-shard ClickHouse cluster on 127.0.0.1: two clickhouse-server processes,
# each with its own config, users file, data and log directories and ports, generated into one temporary
# directory, and a `remote_servers` cluster `patronage_two_shards` of the two. Loopback only; every wait
# bounded. Sourced by run.sh (start_cluster, stop_cluster); usable alone:
#   source cluster.sh && start_cluster && ... && stop_cluster
# Ports: CLICKHOUSE_PORT_BASE (default 19100): shard s (1, 2) listens on base+10s (HTTP), base+10s+1 (TCP),
# base+10s+2 (interserver).

CLUSTER_NAME=patronage_two_shards
CLICKHOUSE_PORT_BASE=${CLICKHOUSE_PORT_BASE:-19100}
CLUSTER_DIR=""
CLUSTER_PIDS=()

http_port() { echo $((CLICKHOUSE_PORT_BASE + 10 * $1)); }
tcp_port() { echo $((CLICKHOUSE_PORT_BASE + 10 * $1 + 1)); }

write_config() {
  local shard=$1 dir=$2
  mkdir -p "$dir/data" "$dir/tmp" "$dir/user_files" "$dir/format_schemas" "$dir/log"
  cat >"$dir/users.xml" <<XML
<?xml version="1.0"?>
<yandex>
  <profiles><default><max_memory_usage>8000000000</max_memory_usage><max_threads>2</max_threads></default></profiles>
  <users>
    <default>
      <password></password>
      <networks><ip>127.0.0.1</ip></networks>
      <profile>default</profile>
      <quota>default</quota>
    </default>
  </users>
  <quotas><default><interval><duration>3600</duration><queries>0</queries><errors>0</errors><result_rows>0</result_rows><read_rows>0</read_rows><execution_time>0</execution_time></interval></default></quotas>
</yandex>
XML
  cat >"$dir/config.xml" <<XML
<?xml version="1.0"?>
<yandex>
  <logger>
    <level>warning</level>
    <log>$dir/log/server.log</log>
    <errorlog>$dir/log/error.log</errorlog>
    <size>100M</size>
    <count>1</count>
  </logger>
  <listen_host>127.0.0.1</listen_host>
  <http_port>$(http_port "$shard")</http_port>
  <tcp_port>$(tcp_port "$shard")</tcp_port>
  <interserver_http_port>$((CLICKHOUSE_PORT_BASE + 10 * shard + 2))</interserver_http_port>
  <interserver_http_host>127.0.0.1</interserver_http_host>
  <max_connections>256</max_connections>
  <!-- longer than any pause of the clients between two requests on one connection (a closed idle
       connection reused by fetch fails with EPIPE) -->
  <keep_alive_timeout>600</keep_alive_timeout>
  <max_concurrent_queries>32</max_concurrent_queries>
  <uncompressed_cache_size>268435456</uncompressed_cache_size>
  <mark_cache_size>268435456</mark_cache_size>
  <path>$dir/data/</path>
  <tmp_path>$dir/tmp/</tmp_path>
  <user_files_path>$dir/user_files/</user_files_path>
  <format_schema_path>$dir/format_schemas/</format_schema_path>
  <users_config>$dir/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <timezone>UTC</timezone>
  <remote_servers>
    <$CLUSTER_NAME>
      <shard><replica><host>127.0.0.1</host><port>$(tcp_port 1)</port></replica></shard>
      <shard><replica><host>127.0.0.1</host><port>$(tcp_port 2)</port></replica></shard>
    </$CLUSTER_NAME>
  </remote_servers>
  <macros><shard>$shard</shard></macros>
</yandex>
XML
}

# The server binary: Debian's clickhouse-server is a link to the one `clickhouse` binary
server_command() {
  if command -v clickhouse-server >/dev/null 2>&1; then echo clickhouse-server; else echo "clickhouse server"; fi
}

# Whether shard $1 answers GET /ping with "Ok." within 2 s (bash's /dev/tcp: no curl needed)
ping_shard() {
  timeout 2 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1" && printf "GET /ping HTTP/1.0\r\n\r\n" >&3 && grep -q "^Ok\." <&3' \
    _ "$(http_port "$1")" 2>/dev/null
}

start_cluster() {
  CLUSTER_DIR=$(mktemp -d "${TMPDIR:-/tmp}/patronage-clickhouse.XXXXXX")
  local shard
  for shard in 1 2; do
    write_config "$shard" "$CLUSTER_DIR/shard$shard"
    # shellcheck disable=SC2046
    $(server_command) --config-file="$CLUSTER_DIR/shard$shard/config.xml" \
      >"$CLUSTER_DIR/shard$shard/log/stdout.log" 2>&1 &
    CLUSTER_PIDS+=($!)
  done
  # bounded wait: both answer /ping within 60 s, or the start failed
  local deadline=$((SECONDS + 60))
  for shard in 1 2; do
    until ping_shard "$shard"; do
      if ! kill -0 "${CLUSTER_PIDS[$((shard - 1))]}" 2>/dev/null || [ "$SECONDS" -ge "$deadline" ]; then
        echo "clickhouse shard $shard did not start; its logs:" >&2
        tail -n 30 "$CLUSTER_DIR/shard$shard/log/"*.log >&2 || true
        return 1
      fi
      sleep 0.1
    done
  done
  echo "clickhouse cluster $CLUSTER_NAME: shards on 127.0.0.1:$(http_port 1) and :$(http_port 2) (HTTP), pids ${CLUSTER_PIDS[*]}, in $CLUSTER_DIR"
}

# The last lines of each shard's error log (for a failed run, before stop_cluster removes them)
cluster_logs() {
  local shard
  for shard in 1 2; do
    if [ -n "$CLUSTER_DIR" ] && [ -s "$CLUSTER_DIR/shard$shard/log/error.log" ]; then
      echo "--- clickhouse shard $shard, error.log:" >&2
      tail -n 20 "$CLUSTER_DIR/shard$shard/log/error.log" >&2
    fi
  done
}

stop_cluster() {
  local pid waited
  for pid in "${CLUSTER_PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${CLUSTER_PIDS[@]}"; do
    waited=0
    while kill -0 "$pid" 2>/dev/null && [ "$waited" -lt 150 ]; do
      sleep 0.1
      waited=$((waited + 1))
    done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  CLUSTER_PIDS=()
  if [ -n "$CLUSTER_DIR" ]; then rm -rf "$CLUSTER_DIR"; fi
  CLUSTER_DIR=""
}
