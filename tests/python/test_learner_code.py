"""Nothing of one run leaks into the next: the learner's modules, packages
and environment variables, even when their code replaces a module that was
loaded before the run."""

import json
import os
import sys
import unittest

from support import wsgi  # noqa: F401  (puts the harness on the path)
from waymark.learner_code import sandbox

class SandboxTest(unittest.TestCase):
    def run_files(self, files, env=None):
        with sandbox(files, env or {}) as workdir:
            module = __import__("helper")
            return workdir, module

    def test_a_learner_module_is_forgotten_after_the_run(self):
        _, first = self.run_files({"helper.py": "VALUE = 1\n"})
        self.assertEqual(first.VALUE, 1)
        self.assertNotIn("helper", sys.modules)
        _, second = self.run_files({"helper.py": "VALUE = 2\n"})
        self.assertEqual(second.VALUE, 2)
        self.assertNotIn("helper", sys.modules)

    def test_a_learner_package_and_its_submodules_are_forgotten(self):
        with sandbox({"pkg/__init__.py": "", "pkg/sub.py": "X = 1\n"}, {}):
            __import__("pkg.sub")
            self.assertIn("pkg.sub", sys.modules)
        self.assertNotIn("pkg", sys.modules)
        self.assertNotIn("pkg.sub", sys.modules)

    def test_a_module_loaded_before_the_run_stays_unless_the_learner_replaced_it(self):
        with sandbox({"json.py": "REPLACED = True\n"}, {}):
            original = sys.modules["json"]
            del sys.modules["json"]
            replaced = __import__("json")
            self.assertTrue(getattr(replaced, "REPLACED", False))
        self.assertIsNot(sys.modules.get("json"), replaced)
        sys.modules["json"] = original
        self.assertIs(json, original)

    def test_environment_variables_are_put_back(self):
        os.environ["WM_KEPT"] = "before"
        try:
            with sandbox({}, {"WM_TEST_VAR": "during", "WM_KEPT": "changed"}):
                self.assertEqual(os.environ["WM_TEST_VAR"], "during")
                os.environ["WM_ADDED_BY_LEARNER"] = "x"
                del os.environ["WM_KEPT"]
            self.assertNotIn("WM_TEST_VAR", os.environ)
            self.assertNotIn("WM_ADDED_BY_LEARNER", os.environ)
            self.assertEqual(os.environ["WM_KEPT"], "before")
        finally:
            os.environ.pop("WM_KEPT", None)


if __name__ == "__main__":
    unittest.main()
