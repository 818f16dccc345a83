"""Benchmarks: extraction and load throughput, side by side with quantulum3 (`python -m benchmarks.run`)."""
