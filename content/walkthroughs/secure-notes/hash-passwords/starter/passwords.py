import hashlib


def hash_password(password):
    # Fast and unsalted: equal passwords give equal hashes.
    return hashlib.sha256(password.encode("utf-8")).hexdigest()


def verify_password(password, stored):
    return hash_password(password) == stored
