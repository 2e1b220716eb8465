"""Runs one walkthrough's starters and solutions through the harness (the
same code the browser runs), for authors:

    python3 scripts/try_walkthrough.py content/walkthroughs/<id> [--lang zh-cn]

Every solution should pass all its checks; a starter should fail at least
one, with reasons a learner can act on, written in the language asked for:
a line ``BAD <step> language: …`` names a reason in another language."""

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src" / "runtime" / "python"))

from waymark.run import run_step  # noqa: E402


HAN = re.compile(r"[\u3400-\u9fff]")


def in_language(text: str, lang: str) -> bool:
    """Whether a reason reads as written for ``lang``: Chinese text has Han
    characters; English text has none. (Code, names and numbers are in both.)"""
    if lang.lower().startswith("zh"):
        return bool(HAN.search(text))
    return not HAN.search(text)


def main() -> int:
    folder = Path(sys.argv[1])
    lang = sys.argv[sys.argv.index("--lang") + 1] if "--lang" in sys.argv else "en"
    walkthrough = json.loads((folder / "walkthrough.json").read_text(encoding="utf-8"))
    problems = 0
    for step in walkthrough["steps"]:
        for which in ("starter", "solution"):
            files = {}
            for name in step["files"]:
                path = folder / step["id"] / which / name
                files[name] = path.read_text(encoding="utf-8") if path.exists() else ""
            result = run_step(step, files, lang)
            failed = [c for c in result["checks"] if not c["passed"]]
            ok = result["ok"] if which == "solution" else bool(failed)
            problems += 0 if ok else 1
            print(f"{'ok ' if ok else 'BAD'} {step['id']} {which}: {len(result['checks']) - len(failed)}/{len(result['checks'])} checks pass")
            for check in failed:
                print(f"      ✗ {check['name']}: {check['reason']}")
            shown = [c["name"] for c in result["checks"]] + [c["reason"] for c in failed]
            if result["error"]:
                shown.append(result["error"]["message"])
            foreign = [text for text in shown if text and not in_language(text, lang)]
            if foreign:
                problems += 1
                print(f"BAD {step['id']} language: {foreign[0]!r} in the {which}")
            if result["error"] and (which == "solution" or "-v" in sys.argv):
                print(f"      error: {result['error']['message']}\n{result['error']['traceback']}")
            if "-v" in sys.argv:
                print("      stdout:", result["stdout"][:2000])
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
