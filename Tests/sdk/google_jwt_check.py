"""Checks a Google service-account JWT (the JWT-bearer grant's assertion) independently of the gateway's signer,
with the `cryptography` package (VertexSDKTests).

Environment:
    JWT              the assertion the gateway sent to the token endpoint
    PUBLIC_KEY_PEM   the service account's public key (SubjectPublicKeyInfo PEM)
    CLIENT_EMAIL     the service account's email (the expected iss)
    TOKEN_URI        the token endpoint (the expected aud)
    KEY_ID           the key's private_key_id (the expected kid)

Verifies RS256 (RSASSA-PKCS1-v1_5 with SHA-256) over `header.claims` and the header and claims Google requires.
Exits 1 with a message on the first failure.
"""

import base64
import json
import os
import sys
import time

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding


def check(condition, message):
    if not condition:
        print("FAILED:", message, file=sys.stderr)
        sys.exit(1)


def decode(part):
    check("=" not in part and "+" not in part and "/" not in part, f"base64url without padding: {part[:20]}...")
    return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))


jwt = os.environ["JWT"]
pieces = jwt.split(".")
check(len(pieces) == 3, "three dot-separated parts")
header, claims, signature = json.loads(decode(pieces[0])), json.loads(decode(pieces[1])), decode(pieces[2])
key = serialization.load_pem_public_key(os.environ["PUBLIC_KEY_PEM"].encode())
try:
    key.verify(signature, f"{pieces[0]}.{pieces[1]}".encode(), padding.PKCS1v15(), hashes.SHA256())
except InvalidSignature:
    check(False, "the RS256 signature does not verify with the service account's public key")
try:
    key.verify(signature, f"{pieces[0]}.{pieces[1]}x".encode(), padding.PKCS1v15(), hashes.SHA256())
    check(False, "a changed message verified: the check is not checking")
except InvalidSignature:
    pass
check(header == {"alg": "RS256", "typ": "JWT", "kid": os.environ["KEY_ID"]}, f"header: {header}")
check(claims["iss"] == os.environ["CLIENT_EMAIL"], f"iss: {claims['iss']}")
check(claims["aud"] == os.environ["TOKEN_URI"], f"aud: {claims['aud']}")
check(claims["scope"] == "https://www.googleapis.com/auth/cloud-platform", f"scope: {claims['scope']}")
check(abs(claims["iat"] - time.time()) < 600, f"iat: {claims['iat']}")
check(claims["exp"] - claims["iat"] == 3600, f"exp - iat: {claims['exp'] - claims['iat']}")
print("google jwt check passed")
