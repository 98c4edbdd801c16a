"""Reading import files: plain bytes in, dataclasses and row-level problems out.

No database access here, so every rule about a file can be tested without one; the
database side lives in ``verbindt.network.imports``.
"""
