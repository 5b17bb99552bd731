"""OGSM Desktop: an offline editor for OGSM strategy plans."""

__version__ = "0.1.0"
APP_NAME = "OGSM Desktop"
APP_ID = "ogsm-desktop"
