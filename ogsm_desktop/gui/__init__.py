"""The desktop window (PySide6). Only this package imports Qt."""

import sys

import PySide6.QtCore  # noqa: F401  (loads PySide6's import hook, adjusted below)


def _spare_the_feature_scan() -> None:
    """PySide6 checks every module imported after it for ``from __feature__ import …`` switches (snake_case,
    true_property) by reading the module's whole source (``inspect.getsource``, in
    ``shibokensupport.feature._mod_uses_pyside``): our 150 modules at start-up (15-20 ms), matplotlib's 330
    when the first chart is drawn (70 ms). The program and its libraries select no feature, and a module
    marked as using PySide without one (what the check answers for ours) is treated exactly as unmarked
    while none is selected: every module is marked so without reading it. (PySide6 is pinned below 6.12;
    without that function — another release — nothing is changed.)"""
    feature = sys.modules.get("shibokensupport.feature")
    if feature is not None and callable(getattr(feature, "_mod_uses_pyside", None)):
        feature._mod_uses_pyside = lambda module: True


_spare_the_feature_scan()
