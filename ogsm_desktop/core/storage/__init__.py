"""The plan file. This package is the only one that runs SQL (a ruff rule keeps it so): a connection
module, the schema and its migrations, the batch writer, one small store per concern, and the
:class:`Plan` facade that hands the stores out."""

from .actuals import ActualChange, ActualDiff
from .connection import current_user
from .journal import Batch, JournalRow, MetaRow
from .plan import Plan
from .schema import SCHEMA_VERSION
from .versions import Version

__all__ = ["ActualChange", "ActualDiff", "Batch", "JournalRow", "MetaRow", "Plan", "SCHEMA_VERSION", "Version",
           "current_user"]
