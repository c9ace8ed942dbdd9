#!/usr/bin/env python3
"""A hostile stand-in for AWS, for kensa's security tests (issue 19). Listens on 127.0.0.1 only.

  hostile_aws_stub.py PORTFILE MODE

It writes its port to PORTFILE, and every X-Amz-Security-Token it receives to PORTFILE.tokens.

STS answers AssumeRole with known credentials (so tests can grep for them) and
GetCallerIdentity; BatchGetAccountStatus says everything is enabled. ListFindings, by MODE:
  endless  an endless JSON body (a Content-Length of 64 GiB, streamed until kensa hangs up)
  tokens   an empty page with a new, distinct nextToken every time, forever
  html404  a bare HTML 404, as a proxy or a mistyped endpoint answers (moto does)
"""
import http.server
import json
import sys
import uuid

SESSION_SECRET = "HostileSessionSecretKey0123456789abcdefXYZ"
SESSION_TOKEN = "HostileSessionToken" + "Q" * 40

STS_ASSUME = """<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult>
<Credentials><AccessKeyId>ASIAHOSTILEEXAMPLE01</AccessKeyId><SecretAccessKey>{secret}</SecretAccessKey>
<SessionToken>{token}</SessionToken><Expiration>2099-01-01T00:00:00Z</Expiration></Credentials>
<AssumedRoleUser><Arn>arn:aws:sts::123456789012:assumed-role/kensa-inspector/kensa</Arn>
<AssumedRoleId>AROAHOSTILE:kensa</AssumedRoleId></AssumedRoleUser></AssumeRoleResult>
<ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></AssumeRoleResponse>"""
STS_IDENTITY = """<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
<GetCallerIdentityResult><Arn>arn:aws:sts::123456789012:assumed-role/kensa-inspector/kensa</Arn>
<UserId>AROAHOSTILE:kensa</UserId><Account>123456789012</Account></GetCallerIdentityResult>
<ResponseMetadata><RequestId>r-2</RequestId></ResponseMetadata></GetCallerIdentityResponse>"""
ACCOUNT_STATUS = {"accounts": [{"accountId": "123456789012", "state": {"status": "ENABLED"},
                                "resourceState": {t: {"status": "ENABLED"} for t in
                                                  ("ec2", "ecr", "lambda", "lambdaCode")}}],
                  "failedAccounts": []}


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    mode = "tokens"
    seen_tokens = "/dev/null"

    def log_message(self, *args):
        pass

    def send(self, status, body, content_type="application/json"):
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0"))).decode(errors="replace")
        token = self.headers.get("X-Amz-Security-Token")
        if token:  # proves the caller signed with the session it was given
            with open(self.seen_tokens, "a") as f:
                f.write(token + "\n")
        if "Action=AssumeRole" in body:
            return self.send(200, STS_ASSUME.format(secret=SESSION_SECRET, token=SESSION_TOKEN), "text/xml")
        if "Action=GetCallerIdentity" in body:
            return self.send(200, STS_IDENTITY, "text/xml")
        if self.path.startswith("/status/batch/get"):
            return self.send(200, json.dumps(ACCOUNT_STATUS))
        if self.mode == "html404":
            return self.send(404, "<!DOCTYPE html><html><title>404 Not Found</title></html>", "text/html")
        if self.mode == "endless":
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(64 << 30))
            self.end_headers()
            chunk = b'{"findings":[' + b'{"findingArn":"x"},' * 4096
            try:
                while True:
                    self.wfile.write(chunk)
            except (BrokenPipeError, ConnectionResetError):
                return
        return self.send(200, json.dumps({"findings": [], "nextToken": uuid.uuid4().hex * 4}))

    def do_GET(self):
        self.do_POST()


def main():
    Handler.mode = sys.argv[2]
    Handler.seen_tokens = sys.argv[1] + ".tokens"
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    with open(sys.argv[1], "w") as f:
        f.write(str(server.server_address[1]))
    server.serve_forever()


if __name__ == "__main__":
    main()
