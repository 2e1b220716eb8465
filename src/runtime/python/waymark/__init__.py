"""Runs a learner's walkthrough step and checks it.

The same package runs in the browser (Pyodide, in a Web Worker) and under
CPython (unit tests, and the real-Gunicorn verification in CI), so it uses
the standard library only. By concern:

- ``run``: one run of one step, the entry point (``run.run_step``).
- ``learner_code``: the learner's files in a fresh directory, imported or run.
- ``wsgi_server``: HTTP requests through wsgiref, with the protocol checked.
- ``asgi_server``: an ASGI app's HTTP requests on in-memory messages, with
  the specification checked; ``asgi_lifespan``: its startup and shutdown;
  ``asgi_loopback``: the same on a real socket, for CI (CPython only).
- ``worker_process``: the Procfile's worker, run until the queue is empty.
- ``paas``: the simulated platform (requirements, Procfile, config vars,
  release command, web process).
- ``dockerfile``: a Dockerfile's instructions, build context and layers.
- ``container``: the simulated container platform (build, review, run).
- ``container_health``: what an image's HEALTHCHECK asks, and the verdict.
- ``rollout``: a rolling release across instances on one database, with its
  migration, an optional one-off command and an optional rollback.
- ``fleet``: the instances of a rollout as the page runs them.
- ``app_server``: releases kept running for the app frame, one request at a
  time; ``app_wsgi``, ``app_asgi`` and ``app_fleet`` answer for a WSGI app,
  an ASGI app (lifespan included) and a rollout's fleet.
- ``checks``: the checks a step declares, as data or short Python.
- ``check_types.json``: the check types and their parameters, which the
  page's schema reads too.
- ``messages``: every message a learner sees, from ``messages.json``.
- ``errors``: mistakes explained, with the learner's own file names.
- ``hashlib_compat``: what Pyodide's hashlib lacks.
"""
