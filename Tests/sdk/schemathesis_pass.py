"""schemathesis against a live gateway with its own /openapi.json (run by SchemathesisTests.swift).

Every operation gets generated valid and invalid inputs (examples, coverage and fuzzing phases, a bounded number of
cases each, a fixed seed); the bar: no 5xx, statuses, content types and bodies as the document says.
GATEWAY_URL, GATEWAY_KEY: the gateway and its master key. SCHEMATHESIS_MAX_EXAMPLES (default 8) bounds the cases.
"""

import os
import subprocess
import sys

url = os.environ["GATEWAY_URL"]
key = os.environ["GATEWAY_KEY"]
examples = os.environ.get("SCHEMATHESIS_MAX_EXAMPLES", "8")
binary = os.path.join(os.path.dirname(sys.executable), "schemathesis")
command = [
    binary, "run", f"{url}/openapi.json",
    "--url", url,
    "--header", f"Authorization: Bearer {key}",
    "--checks", "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance",
    "--phases", os.environ.get("SCHEMATHESIS_PHASES", "examples,coverage,fuzzing"),
    "--max-examples", examples,
    "--seed", os.environ.get("SCHEMATHESIS_SEED", "25"),
    "--workers", "1",
    "--request-timeout", "20",
    "--suppress-health-check", "all",
    "--max-redirects", "0",
    "--output-truncate", "true",
    "--warnings", "off",
]
extra = os.environ.get("SCHEMATHESIS_ARGS")
if extra:
    command += extra.split()
print(" ".join(command[:3]), "...", flush=True)
sys.exit(subprocess.call(command))
