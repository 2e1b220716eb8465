"""The worker process. It takes jobs from jobs.db and runs them, and sleeps
when the queue is empty. (The Procfile does not start it yet.)"""

import time

import jobs
import mailer

POLL_SECONDS = 0.5


def work_one():
    """Runs the next job, if there is one; True when there was."""
    job = jobs.take()
    if job is None:
        return False
    mailer.send_welcome(job["payload"]["email"], f"job-{job['id']}")
    return True


def main():
    while True:
        if not work_one():
            time.sleep(POLL_SECONDS)


if __name__ == "__main__":
    main()
