"""Signs one request with botocore's SigV4Auth at a fixed time and prints the result as JSON.

Reads a JSON object from the file named by argv[1]:
  method, url, headers (list of [name, value]), body (text), access_key, secret_key, token (or null),
  region, service, timestamp (ISO 8601, UTC, e.g. 2024-06-20T12:00:00Z)
Prints {"authorization": ..., "headers": {...}}: what botocore signs and sends.
Used by Tests/AWSSigV4Tests to check Tollgate's signer against an independent implementation.
"""

import datetime
import json
import sys

import botocore.auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials


def main():
    with open(sys.argv[1], encoding="utf-8") as handle:
        spec = json.load(handle)
    when = datetime.datetime.strptime(spec["timestamp"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=datetime.timezone.utc)
    # Fix the signing time: SigV4Auth.add_auth reads it through this module-level name.
    botocore.auth.get_current_datetime = lambda: when
    request = AWSRequest(method=spec["method"], url=spec["url"], data=spec["body"].encode("utf-8"))
    for name, value in spec["headers"]:
        request.headers[name] = value
    credentials = Credentials(spec["access_key"], spec["secret_key"], spec.get("token"))
    signer = botocore.auth.SigV4Auth(credentials, spec["service"], spec["region"])
    signer.add_auth(request)
    print(
        json.dumps(
            {
                "authorization": request.headers["Authorization"],
                "headers": {name: value for name, value in request.headers.items()},
            }
        )
    )


if __name__ == "__main__":
    main()
