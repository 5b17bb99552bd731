"""``python -m ogsm_desktop.bench``: run the benchmarks and print the table."""

import sys

from .run import main

sys.exit(main())
