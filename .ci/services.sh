# The services the lake tests use, for .ci/run (sourced) and tests/conftest.py (`bash .ci/services.sh
# start|stop DIR`): PostgreSQL (the DuckLake catalog) and a Dask scheduler with two workers, all on
# 127.0.0.1, everything kept in DIR. `start` writes DIR/env, the variables the tests read.

pg_bin() {  # Debian keeps the server programs out of PATH, one folder per major version
    ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1
}

install_postgres() {  # another apt-get may hold the lock for a while: retry
    [ -n "$(pg_bin)" ] && return 0
    for _ in $(seq 30); do
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql && return 0
        sleep 10
    done
    return 1
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

as_postgres() {  # initdb refuses to run as root
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start_postgres() {  # DIR: a cluster in a folder of its own on a free port, trusting local connections
    local dir=$1 bin port pgdata
    bin=$(pg_bin); port=$(free_port)
    pgdata=$(mktemp -d /tmp/warehouse-pg.XXXXXX)  # not under DIR: the postgres user may not reach it
    echo "$pgdata" >"$dir/pgdata"
    [ "$(id -u)" = 0 ] && chown postgres "$pgdata"
    as_postgres "$bin/initdb" -D "$pgdata" -U postgres -A trust -E UTF8 >"$dir/initdb.log"
    as_postgres "$bin/pg_ctl" -D "$pgdata" -l "$pgdata/server.log" -w \
        -o "-h 127.0.0.1 -p $port -k $pgdata -c max_connections=200 -c fsync=off" start >/dev/null
    echo "export WAREHOUSE_TEST_PG_DSN='host=127.0.0.1 port=$port user=postgres dbname=postgres'" >>"$dir/env"
}

start_dask() {  # DIR PYTHON: a scheduler and two one-thread workers of PYTHON's environment
    local dir=$1 python=$2 port
    port=$(free_port)
    "$python" -m distributed.cli.dask_scheduler --host 127.0.0.1 --port "$port" --no-dashboard \
        >"$dir/scheduler.log" 2>&1 &
    echo $! >"$dir/scheduler.pid"
    "$python" -m distributed.cli.dask_worker "tcp://127.0.0.1:$port" --host 127.0.0.1 --nworkers 2 \
        --nthreads 1 --no-dashboard --local-directory "$dir/dask" >"$dir/workers.log" 2>&1 &
    echo $! >"$dir/workers.pid"
    echo "export WAREHOUSE_TEST_DASK_SCHEDULER='tcp://127.0.0.1:$port'" >>"$dir/env"
}

stop_services() {  # DIR
    local dir=$1 pid
    for pid in workers scheduler; do
        [ -f "$dir/$pid.pid" ] && kill "$(cat "$dir/$pid.pid")" 2>/dev/null
        rm -f "$dir/$pid.pid"
    done
    if [ -f "$dir/pgdata" ]; then
        as_postgres "$(pg_bin)/pg_ctl" -D "$(cat "$dir/pgdata")" -m fast -w stop >/dev/null || true
        rm -rf "$(cat "$dir/pgdata")" "$dir/pgdata"
    fi
    return 0
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then  # run, not sourced: start|stop DIR [PYTHON]
    set -euo pipefail
    case $1 in
        start) [ -n "$(pg_bin)" ] || { echo "no PostgreSQL server programs" >&2; exit 3; }
               start_postgres "$2"; start_dask "$2" "${3:-python3}" ;;
        stop) stop_services "$2" ;;
    esac
fi
