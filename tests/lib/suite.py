"""suite.py — what the suites in tests/suites/ share to run scrub: where
the binary is ($SCRUB, else build/scrub) and a scratch folder with an
environment of its own (HOME and XDG config inside it, no SCRUB_KEY_FILE,
the C locale), so that nothing of the user's set-up reaches a run.
"""
import os
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SCRUB = os.environ.get("SCRUB") or os.path.join(ROOT, "build", "scrub")


def scratch(prefix):
    """A new temporary folder and the environment for runs in it."""
    tmp = tempfile.mkdtemp(prefix=prefix)
    env = dict(os.environ)
    env.pop("SCRUB_KEY_FILE", None)
    env.update(HOME=tmp, XDG_CONFIG_HOME=os.path.join(tmp, "xdg"), LC_ALL="C")
    return tmp, env
