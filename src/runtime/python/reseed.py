# Run after restoring the memory snapshot: the snapshot holds the state of
# every generator seeded while the build made it, so without this each
# learner (and each page load) would draw the same "random" numbers and
# temporary names. `secrets`, `uuid4` and `os.urandom` read the browser's
# crypto source on every call and need nothing.
import random
import tempfile

random.seed()
tempfile._name_sequence = None
