"""Run one command; print its wall time and the peak memory of its largest process, as JSON.

A fresh process per measurement, because a process's record of its children's peak memory
(ru_maxrss) can never be reset.
"""
import json
import resource
import subprocess
import sys
import time

start = time.perf_counter()
result = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
seconds = time.perf_counter() - start
peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # Linux reports KiB
print(json.dumps({"seconds": seconds, "peak_mb": peak_mb, "returncode": result.returncode,
                  "stderr": result.stderr[-2000:] if result.returncode else ""}))
