import hashlib
import json
import os

SOURCE = "static"
OUTPUT = "dist"


def fingerprint_name(name, data):
    """app.css and its bytes -> app.<8 hex digits of SHA-256>.css"""
    stem, ext = os.path.splitext(name)
    digest = hashlib.sha256(data).hexdigest()[:8]
    return f"{stem}.{digest}{ext}"


def build(source=SOURCE, output=OUTPUT):
    os.makedirs(output, exist_ok=True)
    manifest = {}
    for name in sorted(os.listdir(source)):
        with open(os.path.join(source, name), "rb") as f:
            data = f.read()
        hashed = fingerprint_name(name, data)
        with open(os.path.join(output, hashed), "wb") as f:
            f.write(data)
        manifest[name] = hashed
    with open(os.path.join(output, "manifest.json"), "w", encoding="utf-8") as f:
        json.dump(manifest, f, indent=2, sort_keys=True)
    return manifest


if __name__ == "__main__":
    for name, hashed in build().items():
        print(f"{name} -> {hashed}")
