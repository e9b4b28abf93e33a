#!/bin/sh
# One image, three roles: `web` (default), `worker`, `cron`; anything else runs as given.
# Every web boot migrates and runs `flask orion init`: both are idempotent, so the first boot
# installs and later boots change nothing (a conflicting value stops the container with a message).
set -eu

case "${1:-web}" in
  web)
    flask --app wsgi db upgrade
    if [ -n "${ORION_ADMIN_EMAIL:-}" ]; then
      flask --app wsgi orion init
    else
      echo "ORION_ADMIN_EMAIL is not set: skipping flask orion init (run it once to create the first admin)."
    fi
    exec gunicorn --no-control-socket --bind 0.0.0.0:8000 --workers "${WEB_WORKERS:-4}" wsgi:app
    ;;
  worker)
    exec flask --app wsgi rq worker --with-scheduler
    ;;
  cron)
    # RQ's CronScheduler with the modules' periodic jobs; more than one is safe (one run per period).
    exec flask --app wsgi orion scheduler
    ;;
  *)
    exec "$@"
    ;;
esac
