#!/bin/bash
# Container health check without curl or wget: GET a path of the service's status server over bash's /dev/tcp
# and succeed only on HTTP 200. Usage: health-check /health/ready (or /health/live).
# Port: NEWSFLOW_HTTP_PORT, as the service itself reads it.
set -u
path="${1:?usage: health-check PATH, e.g. /health/ready}"
port="${NEWSFLOW_HTTP_PORT:-8080}"
if ! { exec 3<>"/dev/tcp/127.0.0.1/$port"; } 2>/dev/null; then
  echo "health-check: nothing listens on 127.0.0.1:$port" >&2
  exit 1
fi
printf 'GET %s HTTP/1.0\r\nHost: localhost\r\nConnection: close\r\n\r\n' "$path" >&3
read -r -t 5 status_line <&3 || { echo "health-check: no answer from 127.0.0.1:$port$path" >&2; exit 1; }
status_line="${status_line%$'\r'}"
case "$status_line" in
  "HTTP/1."?" 200"*) exit 0 ;;
  *) echo "health-check: $path answered '$status_line'" >&2; exit 1 ;;
esac
