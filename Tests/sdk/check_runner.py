"""Runs named checks in order, printing `ok`/`FAIL` per check; stops at the first failure with its traceback.

Shared by the SDK scripts (responses_check.py, agents_check.py), whose Swift tests read their exit status.
"""

import traceback


def run_checks(cases):
    """cases: (name, zero-argument callable) pairs. Returns the process exit status: 0 when every check passed."""
    count = 0
    for name, check in cases:
        try:
            check()
        except Exception:
            print(f"FAIL {name}", flush=True)
            traceback.print_exc()
            return 1
        print(f"ok   {name}", flush=True)
        count += 1
    print(f"all {count} checks passed", flush=True)
    return 0
