"""RQ queues: real Redis when configured, otherwise in-process execution on a fake Redis."""

from __future__ import annotations

from fakeredis import FakeStrictRedis
from flask import Flask, current_app
from rq import Queue


def init_app(app: Flask) -> None:
    redis = app.extensions.get("orion.redis")
    # Without Redis, jobs run synchronously in the process that enqueues them: same code
    # path, nothing else to install. The fake keeps job status readable afterwards.
    connection = redis if redis is not None else FakeStrictRedis()
    app.extensions["orion.jobs"] = {
        "connection": connection,
        "is_async": redis is not None,
        "queues": {},
    }


def connection():
    return current_app.extensions["orion.jobs"]["connection"]


def get_queue(name: str = "default") -> Queue:
    state = current_app.extensions["orion.jobs"]
    if name not in state["queues"]:
        state["queues"][name] = Queue(name, connection=state["connection"], is_async=state["is_async"])
    return state["queues"][name]
