"""Engines: pure Python, plain data in and out, no Django imports."""
