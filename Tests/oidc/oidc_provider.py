"""A small OpenID Connect provider on loopback, for Tollgate's JWT-auth and SSO tests.

It serves what a real IdP serves -- the discovery document, the JWKS, an authorization endpoint with a login
page (authorization code + PKCE S256) and a token endpoint (authorization_code and password grants) -- and signs
its tokens with the `cryptography` package (RS256, ES256, EdDSA), independently of the gateway's jwt-kit.

Test-only admin endpoints (under /admin/) let a test register users, mint tokens with chosen claims (expired,
another audience), rotate the signing key and count JWKS fetches.

Run: python oidc_provider.py [port]   (prints "LISTENING <port>" once it accepts connections; port 0 = any)
"""

import base64
import hashlib
import html
import json
import secrets
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def int_bytes(value: int, length: int = 0) -> bytes:
    length = length or (value.bit_length() + 7) // 8
    return value.to_bytes(length, "big")


class SigningKey:
    """One signing key with its kid and public JWK."""

    def __init__(self, alg: str, kid: str):
        self.alg, self.kid = alg, kid
        if alg == "RS256":
            self.private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
            numbers = self.private.public_key().public_numbers()
            self.jwk = {"kty": "RSA", "n": b64url(int_bytes(numbers.n)), "e": b64url(int_bytes(numbers.e))}
        elif alg == "ES256":
            self.private = ec.generate_private_key(ec.SECP256R1())
            numbers = self.private.public_key().public_numbers()
            self.jwk = {"kty": "EC", "crv": "P-256", "x": b64url(int_bytes(numbers.x, 32)), "y": b64url(int_bytes(numbers.y, 32))}
        elif alg == "EdDSA":
            self.private = ed25519.Ed25519PrivateKey.generate()
            raw = self.private.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
            self.jwk = {"kty": "OKP", "crv": "Ed25519", "x": b64url(raw)}
        else:
            raise ValueError(alg)
        self.jwk.update({"kid": kid, "use": "sig", "alg": alg})

    def sign(self, claims: dict) -> str:
        header = {"alg": self.alg, "typ": "JWT", "kid": self.kid}
        signing_input = (b64url(json.dumps(header).encode()) + "." + b64url(json.dumps(claims).encode())).encode()
        if self.alg == "RS256":
            signature = self.private.sign(signing_input, padding.PKCS1v15(), hashes.SHA256())
        elif self.alg == "ES256":
            r, s = decode_dss_signature(self.private.sign(signing_input, ec.ECDSA(hashes.SHA256())))
            signature = int_bytes(r, 32) + int_bytes(s, 32)
        else:
            signature = self.private.sign(signing_input)
        return signing_input.decode() + "." + b64url(signature)


class Provider:
    """The provider's state: keys, users, clients, pending codes, counters."""

    def __init__(self):
        self.lock = threading.Lock()
        self.issuer = ""
        self.generation = 0
        self.keys: list[SigningKey] = []
        self.current: dict[str, SigningKey] = {}
        self.users: dict[str, dict] = {}
        self.clients: dict[str, dict] = {"tollgate": {"secret": "tollgate-secret", "redirect_uris": []}}
        self.codes: dict[str, dict] = {}
        self.jwks_requests = 0
        for alg in ("RS256", "ES256", "EdDSA"):
            self.add_key(alg)

    def add_key(self, alg: str) -> SigningKey:
        self.generation += 1
        key = SigningKey(alg, f"{alg.lower()}-{self.generation}-{secrets.token_hex(3)}")
        self.keys.append(key)
        self.current[alg] = key
        return key

    def mint(self, claims: dict, alg: str = "RS256", ttl: int = 300, audience: str = "tollgate") -> str:
        now = int(time.time())
        body = {"iss": self.issuer, "aud": audience, "iat": now, "exp": now + ttl}
        body.update(claims)
        return self.current[alg].sign({k: v for k, v in body.items() if v is not None})


PROVIDER = Provider()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):  # quiet: the test prints the output only on failure
        sys.stderr.write("oidc: " + (args[0] % args[1:]) + "\n")

    # -- helpers --
    def reply(self, status: int, body, content_type: str = "application/json", headers: dict | None = None):
        data = (json.dumps(body) if content_type == "application/json" else body).encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def body(self) -> dict:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length).decode() if length else ""
        if raw.strip().startswith("{"):
            return json.loads(raw)
        return {k: v[0] for k, v in urllib.parse.parse_qs(raw).items()}

    # -- routes --
    def do_GET(self):
        url = urllib.parse.urlparse(self.path)
        query = {k: v[0] for k, v in urllib.parse.parse_qs(url.query).items()}
        p = PROVIDER
        if url.path == "/.well-known/openid-configuration":
            return self.reply(200, {
                "issuer": p.issuer, "jwks_uri": p.issuer + "/jwks", "authorization_endpoint": p.issuer + "/authorize",
                "token_endpoint": p.issuer + "/token", "response_types_supported": ["code"],
                "subject_types_supported": ["public"], "id_token_signing_alg_values_supported": ["RS256", "ES256", "EdDSA"],
                "code_challenge_methods_supported": ["S256"], "scopes_supported": ["openid", "email", "profile"],
                "grant_types_supported": ["authorization_code", "password"],
            })
        if url.path == "/jwks":
            with p.lock:
                p.jwks_requests += 1
                keys = [k.jwk for k in p.keys]
            return self.reply(200, {"keys": keys})
        if url.path == "/authorize":
            return self.login_page(query)
        if url.path == "/admin/stats":
            return self.reply(200, {"jwks_requests": p.jwks_requests, "kids": [k.kid for k in p.keys]})
        self.reply(404, {"error": "not_found"})

    def do_POST(self):
        url = urllib.parse.urlparse(self.path)
        p = PROVIDER
        body = self.body()
        if url.path == "/admin/users":
            with p.lock:
                p.users[body["username"]] = body["claims"]
            return self.reply(200, {"ok": True})
        if url.path == "/admin/token":
            token = p.mint(body.get("claims", {}), body.get("alg", "RS256"), int(body.get("ttl", 300)), body.get("audience", "tollgate"))
            return self.reply(200, {"token": token})
        if url.path == "/admin/rotate":
            with p.lock:
                alg = body.get("alg", "RS256")
                if body.get("drop_old"):
                    p.keys = [k for k in p.keys if k.alg != alg]
                key = p.add_key(alg)
            return self.reply(200, {"kid": key.kid})
        if url.path == "/authorize":
            return self.approve(body)
        if url.path == "/token":
            return self.token(body)
        self.reply(404, {"error": "not_found"})

    # -- OAuth 2.0 / OIDC --
    def login_page(self, query: dict):
        client = PROVIDER.clients.get(query.get("client_id", ""))
        if client is None or query.get("response_type") != "code":
            return self.reply(400, {"error": "invalid_request"})
        if query.get("code_challenge_method") != "S256" or not query.get("code_challenge"):
            return self.reply(400, {"error": "invalid_request", "error_description": "PKCE S256 required"})
        hidden = "".join(
            f'<input type="hidden" name="{html.escape(k)}" value="{html.escape(v)}">' for k, v in query.items())
        page = ("<!doctype html><title>Mock IdP sign-in</title><h1>Sign in</h1><form method=post action=/authorize>"
                f"{hidden}<label>Username <input name=username id=username></label>"
                "<button type=submit id=sign-in>Sign in</button></form>")
        self.reply(200, page, "text/html; charset=utf-8")

    def approve(self, form: dict):
        p = PROVIDER
        if form.get("username") not in p.users:
            return self.reply(401, "<p>unknown user</p>", "text/html")
        code = secrets.token_urlsafe(24)
        with p.lock:
            p.codes[code] = {k: form.get(k) for k in ("username", "client_id", "redirect_uri", "code_challenge", "nonce", "scope")}
        target = form["redirect_uri"] + ("&" if "?" in form["redirect_uri"] else "?") + urllib.parse.urlencode(
            {"code": code, "state": form.get("state", "")})
        self.reply(302, "", "text/plain", {"Location": target})

    def token(self, form: dict):
        p = PROVIDER
        client_id = form.get("client_id")
        auth = self.headers.get("Authorization", "")
        if auth.startswith("Basic "):
            client_id, _, secret = base64.b64decode(auth[6:]).decode().partition(":")
            form["client_secret"] = secret
        client = p.clients.get(client_id or "")
        if client is None or form.get("client_secret") not in (None, client["secret"]):
            return self.reply(401, {"error": "invalid_client"})
        grant = form.get("grant_type")
        if grant == "password":
            claims = p.users.get(form.get("username", ""))
            if claims is None:
                return self.reply(400, {"error": "invalid_grant"})
            scope = form.get("scope")
            extra = {"scope": scope} if scope else {}
            return self.reply(200, {"access_token": p.mint({**claims, **extra}, audience=client_id), "token_type": "Bearer", "expires_in": 300})
        if grant == "authorization_code":
            with p.lock:
                pending = p.codes.pop(form.get("code", ""), None)
            if pending is None or pending["client_id"] != client_id or pending["redirect_uri"] != form.get("redirect_uri"):
                return self.reply(400, {"error": "invalid_grant"})
            verifier = form.get("code_verifier", "")
            if b64url(hashlib.sha256(verifier.encode()).digest()) != pending["code_challenge"]:
                return self.reply(400, {"error": "invalid_grant", "error_description": "PKCE verification failed"})
            claims = dict(p.users[pending["username"]])
            id_token = p.mint({**claims, "nonce": pending["nonce"]}, audience=client_id)
            access = p.mint(claims, audience=client_id)
            return self.reply(200, {"access_token": access, "id_token": id_token, "token_type": "Bearer", "expires_in": 300})
        self.reply(400, {"error": "unsupported_grant_type"})


def main():
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 0
    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    PROVIDER.issuer = f"http://127.0.0.1:{server.server_address[1]}"
    print(f"LISTENING {server.server_address[1]}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
