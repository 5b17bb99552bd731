"""Benchmarks on the big plan (DESIGN.md §9): each figure beside the bare library doing the same work."""
