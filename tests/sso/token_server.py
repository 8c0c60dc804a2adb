"""A provider the tests control, on 127.0.0.1: it publishes a signing key and answers the token endpoint with
whatever id token a test asks for, so each check of the callback (state, nonce, issuer, audience, tenant, expiry,
algorithm) can be tried with a token that breaks it. The journey in tests/browser uses a real provider
(npm oidc-provider); this one exists because a real provider never signs a wrong token on request."""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
OTHER_KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)


class TokenServer:
    def __init__(self):
        self.claims = {}
        self.algorithm = "RS256"
        self.key = KEY
        self.token_requests = []
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _json(self, body):
                data = json.dumps(body).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self):  # the keys
                public = jwt.algorithms.RSAAlgorithm.to_jwk(KEY.public_key(), as_dict=True)
                self._json({"keys": [{**public, "kid": "k1", "alg": "RS256", "use": "sig"}]})

            def do_POST(self):  # the token endpoint
                length = int(self.headers["Content-Length"])
                owner.token_requests.append(self.rfile.read(length).decode())
                self._json({"access_token": "an-access-token", "token_type": "Bearer",
                            "id_token": owner.id_token()})

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def id_token(self):
        if self.algorithm == "HS256":
            return jwt.encode(self.claims, "the-client-secret-for-these-tests-only", algorithm="HS256", headers={"kid": "k1"})
        if self.algorithm == "none":
            return jwt.encode(self.claims, None, algorithm="none", headers={"kid": "k1"})
        return jwt.encode(self.claims, self.key, algorithm="RS256", headers={"kid": "k1"})

    def good_claims(self, client_id, nonce, changes=None):
        now = int(time.time())
        claims = {"iss": self.url, "aud": client_id, "exp": now + 300, "iat": now, "nonce": nonce,
                  "sub": "sub-1", "oid": "oid-1", "email": "tina@council.gov.uk"}
        return {k: v for k, v in {**claims, **(changes or {})}.items() if v is not None}

    def close(self):
        self.server.shutdown()
        self.server.server_close()
