"""The panels of the window: detail editor, one-page view, dashboard, history, alerts, filter bar."""
