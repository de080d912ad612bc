"""Entry point for `python tests/simulator/jujusim ...` and `python -m jujusim ...`."""
import os
import sys

if __package__ in (None, ""):
    # Run as a directory: sys.path[0] is this package's own folder, whose module names
    # must not shadow anything; import the package from its parent instead.
    here = os.path.dirname(os.path.abspath(__file__))
    sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != here]
    sys.path.insert(0, os.path.dirname(here))

from jujusim.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
