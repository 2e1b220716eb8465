import hashlib
import json
import os

SOURCE = "static"
OUTPUT = "dist"


def fingerprint_name(name, data):
    """app.css and its bytes -> app.<8 hex digits of SHA-256>.css"""
    # TODO: split off the extension with os.path.splitext and put the
    # first 8 hex digits of hashlib.sha256(data) in front of it.
    return name


def build(source=SOURCE, output=OUTPUT):
    os.makedirs(output, exist_ok=True)
    manifest = {}
    for name in sorted(os.listdir(source)):
        with open(os.path.join(source, name), "rb") as f:
            data = f.read()
        # TODO: write data to output under its fingerprinted name,
        # and record manifest[name] = that name.
    # TODO: write the manifest to output/manifest.json with json.dump.
    return manifest


if __name__ == "__main__":
    for name, hashed in build().items():
        print(f"{name} -> {hashed}")
