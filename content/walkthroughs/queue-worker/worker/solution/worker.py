"""The worker process, started from the Procfile's worker: line. It takes
one job at a time from jobs.db and runs it, and sleeps only when the queue
is empty. A job may run more than once (at-least-once delivery), so each
job must be safe to repeat."""

import time

import jobs
import mailer

POLL_SECONDS = 0.5


def run(job):
    if job["kind"] == "welcome-email":
        # The job id is the message id: if a worker dies after the relay
        # accepted the email but before finish(), the job runs again and the
        # relay still delivers it once.
        mailer.send_welcome(job["payload"]["email"], f"job-{job['id']}")
    else:
        raise ValueError(f"unknown job kind {job['kind']!r}")


def work_one():
    """Runs the next job, if there is one; True when there was."""
    job = jobs.claim()
    if job is None:
        return False
    try:
        run(job)
    except mailer.PermanentFailure as error:
        jobs.fail(job["id"], str(error), permanent=True)
    except Exception as error:  # anything else may pass: try again
        jobs.fail(job["id"], f"{type(error).__name__}: {error}")
    else:
        jobs.finish(job["id"])
    return True


def main():
    while True:
        if not work_one():
            time.sleep(POLL_SECONDS)


if __name__ == "__main__":
    main()
