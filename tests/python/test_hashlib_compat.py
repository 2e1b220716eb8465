"""Pyodide's hashlib lacks pbkdf2_hmac; the fallback must agree with OpenSSL's."""

import os
import sys
import unittest

import support  # noqa: E402,F401
from waymark.hashlib_compat import _pbkdf2_hmac  # noqa: E402


class Pbkdf2Test(unittest.TestCase):
    def test_the_fallback_matches_openssl(self):
        import hashlib
        for name, password, salt, rounds, length in [("sha256", b"pw", b"salt", 1000, None), ("sha1", b"x" * 100, b"s", 3, 50), ("sha512", b"", b"salt", 10, 20)]:
            with self.subTest(name):
                self.assertEqual(_pbkdf2_hmac(name, password, salt, rounds, length), hashlib.pbkdf2_hmac(name, password, salt, rounds, length))


if __name__ == "__main__":
    unittest.main()
