"""Benchmarks for the numbers the issues name (`make bench`); figures go into the closing notes, not into tests."""
