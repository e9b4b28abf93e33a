"""`rq cron webapp.framework.jobs.cron_config --url $REDIS_URL`: RQ's own scheduler, fed with the
periodic jobs of the modules enabled on some platform. This module is an entry point (like a WSGI
file), so building the app on import is its purpose; nothing else imports it.
"""

from rq import cron

from webapp import create_app
from webapp.framework.jobs.periodic import register_jobs

app = create_app()
with app.app_context():
    register_jobs(app, cron.register)
