"""The plan core: domain, storage, journal, versions, status and method checks. Imports no Qt."""
