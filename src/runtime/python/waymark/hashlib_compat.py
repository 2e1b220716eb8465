"""What Pyodide's hashlib lacks, so learners' code runs unchanged in the page
and under CPython: ``install()`` adds a pure-Python ``hashlib.pbkdf2_hmac``
where the interpreter was built without OpenSSL's."""

from __future__ import annotations

import hashlib


def _pbkdf2_hmac(hash_name: str, password: bytes, salt: bytes, iterations: int, dklen: int | None = None) -> bytes:
    """PBKDF2 (RFC 8018) over HMAC, for interpreters whose hashlib was built
    without OpenSSL (Pyodide's): the learner's ``hashlib.pbkdf2_hmac`` call then
    runs unchanged here and under CPython. The keyed inner and outer hashes are
    prepared once and copied per round, which keeps the loop affordable."""
    if iterations < 1:
        raise ValueError("iteration value must be greater than 0.")
    password, salt = bytes(password), bytes(salt)
    inner, outer = hashlib.new(hash_name), hashlib.new(hash_name)
    block = inner.block_size
    if len(password) > block:
        password = hashlib.new(hash_name, password).digest()
    password = password.ljust(block, b"\0")
    inner.update(password.translate(bytes(x ^ 0x36 for x in range(256))))
    outer.update(password.translate(bytes(x ^ 0x5C for x in range(256))))

    def prf(data: bytes) -> bytes:
        i, o = inner.copy(), outer.copy()
        i.update(data)
        o.update(i.digest())
        return o.digest()

    dklen = dklen or outer.digest_size
    key, index = b"", 1
    while len(key) < dklen:
        u = prf(salt + index.to_bytes(4, "big"))
        result = int.from_bytes(u, "big")
        for _ in range(iterations - 1):
            u = prf(u)
            result ^= int.from_bytes(u, "big")
        key += result.to_bytes(len(u), "big")
        index += 1
    return key[:dklen]


if not hasattr(hashlib, "pbkdf2_hmac"):
    hashlib.pbkdf2_hmac = _pbkdf2_hmac  # type: ignore[attr-defined]


def install() -> None:
    if not hasattr(hashlib, "pbkdf2_hmac"):
        hashlib.pbkdf2_hmac = _pbkdf2_hmac  # type: ignore[attr-defined]
