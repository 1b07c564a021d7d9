"""What the benchmark scripts share: a median of wall-clock times and a PDF's page count."""
from __future__ import annotations

import re
import statistics
import subprocess
import tempfile
import time


def median_time(fn, repeat: int) -> float:
    """The median of ``repeat`` runs of ``fn()``, in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def pdf_pages(data: bytes) -> str:
    """The page count pdfinfo reports, or "?" without poppler."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(data)
        handle.flush()
        try:
            info = subprocess.run(["pdfinfo", handle.name], capture_output=True, text=True).stdout
        except FileNotFoundError:
            return "?"
    found = re.search(r"Pages:\s+(\d+)", info)
    return found.group(1) if found else "?"
