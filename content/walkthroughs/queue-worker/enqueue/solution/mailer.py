"""A stand-in for a remote mail relay, kept in relay.db so that every
process sees the same relay. Like a real one it is far away and sometimes
busy: it turns away the first attempt at each message with a temporary
failure, and it refuses addresses at bounce.test for good. It delivers each
message id once, however often that id is sent: the id is the idempotency
key. Leave this file as it is."""

import contextlib
import sqlite3

RELAY_DB = "relay.db"


class TemporaryFailure(Exception):
    """The relay is busy: the same message may be sent again later."""


class PermanentFailure(Exception):
    """The relay will never accept this message."""


def send_welcome(address, message_id):
    with contextlib.closing(sqlite3.connect(RELAY_DB, timeout=10)) as conn:
        with conn:
            conn.execute("CREATE TABLE IF NOT EXISTS attempts (message_id TEXT PRIMARY KEY, tries INTEGER NOT NULL)")
            conn.execute("CREATE TABLE IF NOT EXISTS outbox (message_id TEXT PRIMARY KEY, address TEXT NOT NULL)")
            conn.execute(
                "INSERT INTO attempts (message_id, tries) VALUES (?, 1)"
                " ON CONFLICT (message_id) DO UPDATE SET tries = tries + 1",
                (message_id,),
            )
            tries = conn.execute("SELECT tries FROM attempts WHERE message_id = ?", (message_id,)).fetchone()[0]
        if address.endswith("@bounce.test"):
            raise PermanentFailure(f"550 {address}: no such mailbox")
        if tries == 1:
            raise TemporaryFailure("421 the relay is busy, try again later")
        with conn:
            conn.execute("INSERT OR IGNORE INTO outbox (message_id, address) VALUES (?, ?)", (message_id, address))
