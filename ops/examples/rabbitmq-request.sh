#!/usr/bin/env bash
# One request/reply through integrator's RabbitMQ front door with Debian's amqp-tools (apt-get install amqp-tools).
# usage: ops/examples/rabbitmq-request.sh [operation] [json parameters]
set -euo pipefail
url=${RABBITMQ_URL:-amqp://guest:guest@127.0.0.1:5672}
operation=${1:-github.repos.get}
params=${2:-'{"owner":"apache","repo":"camel"}'}
replies="client.replies.$$"

amqp-declare-queue --url="$url" -q "$replies" >/dev/null
trap 'amqp-delete-queue --url="$url" -q "$replies" >/dev/null' EXIT
amqp-publish --url="$url" -r "integrator.$operation" -t "$replies" -C application/json -b "$params"
# The envelope arrives on the reply queue: {"ok": ..., "data" or "error": ..., "meta": ...}
timeout 60 amqp-consume --url="$url" -q "$replies" -c 1 cat
echo
