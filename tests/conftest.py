"""Test set-up: one migrated schema per session; every test starts from empty tables.

Backends come from the environment: TEST_DATABASE_URL (default: a SQLite file in a temporary
folder) and TEST_REDIS_URL (default: none, jobs run in-process). CI runs the suite both ways.
"""

pytest_plugins = ["tests.fixtures.app", "tests.fixtures.clients", "tests.fixtures.data",
                  "tests.fixtures.requests", "tests.fixtures.browser", "tests.fixtures.journey",
                  "tests.fixtures.tour"]
