"""``python -m ogsm_desktop``: the same as the ``ogsm-desktop`` command."""

import sys

try:
    from .cli import main
except KeyboardInterrupt:              # Ctrl-C while the program is still loading: one line, no traceback
    print("ogsm-desktop: interrupted", file=sys.stderr)
    sys.exit(130)

sys.exit(main())
