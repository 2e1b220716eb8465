"""A rolling release's step in the app frame: the roll runs as in a Run,
then the fleet it leaves serves the page round-robin, and each response
names the instance and release that answered it in ``Via``."""

import re
import unittest

from test_rollout import files, step  # noqa: E402  (support puts the harness on the path)
from waymark import app_server


def release(spec, file_set, number=1):
    return {"step": "r/expand", "number": number, "spec": {**spec, "env": {"DATABASE_URL": "sqlite:///tasks.db"}}, "files": file_set}


def request(target="/"):
    return {"method": "GET", "host": "expand-r1.app.test", "target": target, "headers": []}


def via(out):
    value = next(v for k, v in out["headers"] if k == "Via")
    match = re.fullmatch(r"1\.1 router \(instance (\d) of 3, release (\d)\)", value)
    assert match, value
    return int(match.group(1)), int(match.group(2))


class FleetReleaseTest(unittest.TestCase):
    def tearDown(self):
        for r in list(app_server._releases.values()):
            app_server._shut_down(r)
        app_server._releases.clear()

    def serve(self, spec, file_set, times=4, lang="en"):
        return [app_server.serve(release(spec, file_set), request(), b"", lang) for _ in range(times)]

    def test_after_the_roll_every_instance_runs_the_new_release_and_requests_go_round_robin_from_where_the_roll_stopped(self):
        outs = self.serve(step(), files())
        self.assertEqual([o["status"] for o in outs], [200] * 4)
        self.assertEqual(outs[0]["body"], b"a")
        # The roll sent four requests (one round on release 1, one after each replacement): the page's first goes to instance 2.
        self.assertEqual([via(o) for o in outs], [(2, 2), (3, 2), (1, 2), (2, 2)])

    def test_after_a_rollback_the_fleet_serves_the_previous_release(self):
        outs = self.serve(step(rollback=True), files(), times=3)
        self.assertEqual(sorted(via(o) for o in outs), [(1, 1), (2, 1), (3, 1)])

    def test_a_failed_release_command_leaves_the_old_release_serving(self):
        outs = self.serve(step(), files(migration="ALTER TABLE nope ADD COLUMN x"), times=3)
        self.assertEqual([o["status"] for o in outs], [200] * 3)
        self.assertEqual(sorted(via(o)[1] for o in outs), [1, 1, 1])

    def test_no_procfile_gets_the_router_error_page_with_the_log_in_the_learners_language(self):
        file_set = files()
        del file_set["Procfile"]
        for lang, title in (("en", "Application error"), ("zh-CN", "应用出错")):
            with self.subTest(lang):
                out = self.serve(step(), file_set, times=1, lang=lang)[0]
                self.assertEqual(out["status"], 503)
                self.assertIn(title, out["body"].decode())
                self.assertIn("Procfile", out["body"].decode())


if __name__ == "__main__":
    unittest.main()
