"""schemathesis against a live gateway with its own /openapi.json (run by SchemathesisTests.swift).

Every operation gets generated valid and invalid inputs (examples, coverage and fuzzing phases, a bounded number of
cases each, a fixed seed); the bar: no 5xx, statuses, content types and bodies as the document says.
GATEWAY_URL, GATEWAY_KEY: the gateway and its master key. SCHEMATHESIS_MAX_EXAMPLES (default 8) bounds the cases.
"""

import json
import os
import subprocess
import sys
import tempfile
import urllib.request

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
    "--request-timeout", "5",
    "--suppress-health-check", "all",
    "--max-redirects", "0",
    "--output-truncate", "true",
    "--warnings", "off",
]
# A route the document lists without describing it (x-tollgate-undocumented: a plugin's route not in the catalog)
# has no contract to check, and may be a stream that never ends; OpenAPIContractTests fails on such a route instead.
with urllib.request.urlopen(f"{url}/openapi.json") as answer:
    document = json.load(answer)
for path, item in sorted(document["paths"].items()):
    if any(isinstance(op, dict) and op.get("x-tollgate-undocumented") for op in item.values()):
        print(f"skipping {path}: not described in the document", flush=True)
        command += ["--exclude-path", path]
extra = os.environ.get("SCHEMATHESIS_ARGS")
if extra:
    command += extra.split()
print(" ".join(command[:3]), "...", flush=True)
# schemathesis keeps a cache (.schemathesis/) where it runs: a scratch directory, not the checkout.
with tempfile.TemporaryDirectory() as scratch:
    sys.exit(subprocess.call(command, cwd=scratch))
