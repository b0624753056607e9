#!/bin/sh
# The image's entry point: runs the service named by the first argument, or by EMOTION_SERVICE; the other arguments go
# to the service (e.g. `gateway member add "Name" --role admin`).
set -eu
services="gateway corpus-service classifier-service scraper-service dashboard-service"
service="${EMOTION_SERVICE:-}"
if [ $# -gt 0 ]; then
  for known in $services; do
    if [ "$1" = "$known" ]; then service="$1"; shift; break; fi
  done
fi
case " $services " in
  *" $service "*) ;;
  *) echo "Name the service to run: one of $services (first argument or EMOTION_SERVICE)." >&2; exit 64 ;;
esac
exec java -jar "/app/$service.jar" "$@"
