"""``python -m ogsm_desktop``: the same as the ``ogsm-desktop`` command."""

import sys

from .cli import main

sys.exit(main())
