"""Errors the core raises when it refuses something; every message is one line a user can act on."""

from __future__ import annotations


class PlanError(Exception):
    """Input refused; nothing was written. The command line turns it into exit code 1."""


class PlanFileError(PlanError):
    """The file cannot be used as a plan (missing, unreadable, not a plan, from a newer version)."""


class ReadOnlyPlanError(PlanFileError):
    """A plan that can be read but not written where it is (a read-only file, folder or disk)."""


class TwoNamesPlanError(ReadOnlyPlanError):
    """A plan file with more than one name (hard links): read, never written (see connection.check_one_name)."""


class CancelledError(PlanError):
    """The user cancelled a long piece of work (an import, an export, a paste, a report); nothing was written."""


class GrammarError(PlanError):
    """An edit that would break the OGSM grammar; the message says why."""


class NotFoundError(PlanError):
    """An unknown code, node id or version name."""


class ValidationError(PlanError):
    """A value that a field cannot take (a duplicate code, a bad date, text in a number)."""


__all__ = ["CancelledError", "PlanError", "PlanFileError", "ReadOnlyPlanError", "NotFoundError", "ValidationError", "GrammarError"]
