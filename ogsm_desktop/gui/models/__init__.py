"""Qt item models over the plan: the tree (with its filter), the history and the alerts."""
