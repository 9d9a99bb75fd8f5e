#!/bin/sh
# Writes the `.env` that docker compose reads (default: next to docker-compose.yml) from
# docker/.env.example, with a fresh random value for every variable the example leaves empty.
# Refuses to overwrite: the database roles keep the passwords they were created with.
#   sh docker/create-env.sh [target]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
target=${1:-$here/../.env}
if [ -e "$target" ]; then
  echo "create-env: $target exists already; not overwritten" >&2
  exit 1
fi
umask 077
random() { od -An -N32 -tx1 /dev/urandom | tr -d ' \n'; }
tmp="$target.tmp.$$"
trap 'rm -f "$tmp"' EXIT
while IFS= read -r line || [ -n "$line" ]; do
  case $line in
    [A-Z]*=) printf '%s%s\n' "$line" "$(random)" ;;
    *) printf '%s\n' "$line" ;;
  esac
done <"$here/.env.example" >"$tmp"
mv "$tmp" "$target"
trap - EXIT
echo "create-env: wrote $target"
