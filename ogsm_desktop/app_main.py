"""The bundled app's entry point (PyInstaller runs this file as a script, outside the package)."""

import sys

from ogsm_desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
