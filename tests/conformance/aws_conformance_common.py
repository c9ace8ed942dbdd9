# Shared helpers for the AWS fidelity tests (aws_output_shapes_test.py, aws_input_probes_test.py):
# start kensa-aws-emulator on a free port, sign requests with SigV4 (hmac/hashlib), load the
# botocore service models (Apache-2.0, read from ../shared/reference/aws-models at test time)
# and walk JSON / XML values against a model shape.
# Standard library only (Debian 12 python3.11; no botocore/boto3).
import datetime
import hashlib
import hmac
import http.client
import json
import os
import re
import subprocess
import sys
import urllib.parse

ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE"
SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
REGION = "us-east-1"
MODEL_PATHS = {
    "inspector2": "inspector2/2020-06-08/service-2.json",
    "lambda": "lambda/2015-03-31/service-2.json",
    "sts": "sts/2011-06-15/service-2.json",
    "s3": "s3/2006-03-01/service-2.json",
}


def load_models(models_dir):
    models = {}
    for service, rel in MODEL_PATHS.items():
        path = os.path.join(models_dir, rel)
        if not os.path.isfile(path):
            sys.exit(f"model not found: {path} (../shared/reference/aws-models next to the repo)")
        with open(path, encoding="utf-8") as f:
            models[service] = json.load(f)
    return models


class Emulator:
    """kensa-aws-emulator --listen 127.0.0.1:0 --demo-fleet; the first stdout line names the port."""

    def __init__(self, binary):
        self.proc = subprocess.Popen([binary, "--listen", "127.0.0.1:0", "--demo-fleet"],
                                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        line = self.proc.stdout.readline().strip()
        m = re.fullmatch(r"listening on ([0-9.]+):(\d+)", line)
        if not m:
            self.stop()
            sys.exit(f"emulator did not start (first line: {line!r})")
        self.host, self.port = m.group(1), int(m.group(2))

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()

    def control(self, method, path, body=None):
        conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
        conn.request(method, "/_emulator/" + path, body=json.dumps(body) if body else None)
        resp = conn.getresponse()
        data = resp.read()
        conn.close()
        return resp.status, json.loads(data or b"null")

    def call(self, service, method, path, query=None, body=b"", headers=None, token=None,
             creds=(ACCESS_KEY, SECRET_KEY)):
        """Signs and sends one request; returns (status, headers dict lower-cased, body bytes)."""
        if isinstance(body, str):
            body = body.encode()
        host = f"{self.host}:{self.port}"
        hdrs = {"host": host, **{k.lower(): v for k, v in (headers or {}).items()}}
        if token:
            hdrs["x-amz-security-token"] = token
        sign(hdrs, service, method, path, query or [], body, creds)
        qs = canonical_query(query or [])
        conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
        conn.request(method, path + ("?" + qs if qs else ""), body=body or None, headers=hdrs)
        resp = conn.getresponse()
        data = resp.read()
        out = {k.lower(): v for k, v in resp.getheaders()}
        conn.close()
        return resp.status, out, data


def _quote(s):
    return urllib.parse.quote(s, safe="-_.~")


def canonical_query(pairs):
    return "&".join(f"{_quote(k)}={_quote(v)}" for k, v in sorted(pairs))


def sign(hdrs, service, method, path, query, body, creds):
    now = datetime.datetime.now(datetime.timezone.utc)
    amz_date, day = now.strftime("%Y%m%dT%H%M%SZ"), now.strftime("%Y%m%d")
    payload_hash = hashlib.sha256(body).hexdigest()
    hdrs["x-amz-date"] = amz_date
    if service == "s3":
        hdrs["x-amz-content-sha256"] = payload_hash
        canonical_uri = path  # s3: the path as sent, encoded once
    else:  # other services: every (already encoded) segment is encoded again
        canonical_uri = "/".join(_quote(seg) for seg in path.split("/"))
    names = sorted(hdrs)
    canonical_headers = "".join(f"{n}:{' '.join(str(hdrs[n]).split())}\n" for n in names)
    signed = ";".join(names)
    creq = "\n".join([method, canonical_uri, canonical_query(query), canonical_headers, signed,
                      payload_hash])
    scope = f"{day}/{REGION}/{service}/aws4_request"
    to_sign = "\n".join(["AWS4-HMAC-SHA256", amz_date, scope,
                         hashlib.sha256(creq.encode()).hexdigest()])
    key = ("AWS4" + creds[1]).encode()
    for part in (day, REGION, service, "aws4_request"):
        key = hmac.new(key, part.encode(), hashlib.sha256).digest()
    sig = hmac.new(key, to_sign.encode(), hashlib.sha256).hexdigest()
    hdrs["authorization"] = (f"AWS4-HMAC-SHA256 Credential={creds[0]}/{scope}, "
                             f"SignedHeaders={signed}, Signature={sig}")


# ---------------------------------------------------------------- shape walking

ISO8601 = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})$")
RFC822 = re.compile(r"[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$")


def _pattern_ok(pattern, value):
    try:
        return re.search(pattern, value, re.DOTALL) is not None
    except re.error:
        return True  # a Java-only construct Python cannot compile: not checked


# Enum values real AWS answers carry that the reference model (older than the samples) does not
# list, each with the real sample that shows it. Clients must tolerate unknown enum values in
# answers (botocore does not validate them); these are the ones the emulator sends on purpose.
SEEN_BEYOND_MODEL = {
    # inspector-findings/defectdojo/aws_inspector2_package_vuln_metadata.json: 31 Lambda
    # findings with awsLambdaFunction.runtime "PYTHON_3_12".
    "PYTHON_3_12",
}


def check_scalar(shape, value, path, report, fmt_default):
    """value is already typed (JSON) — or a str from XML/headers (fmt_default says which)."""
    t = shape["type"]
    textual = fmt_default in ("iso8601", "rfc822")  # XML text / header text
    if t == "string":
        if not isinstance(value, str):
            return report(path, f"expected string, got {type(value).__name__} {value!r:.60}")
        if "enum" in shape and value not in shape["enum"] and value not in SEEN_BEYOND_MODEL:
            report(path, f"{value!r} not in enum {shape['enum'][:8]}")
        if "min" in shape and len(value) < shape["min"]:
            report(path, f"length {len(value)} < min {shape['min']}")
        if "max" in shape and len(value) > shape["max"]:
            report(path, f"length {len(value)} > max {shape['max']}")
        if "pattern" in shape and not _pattern_ok(shape["pattern"], value):
            report(path, f"{value!r:.80} does not match pattern {shape['pattern']!r:.80}")
    elif t in ("integer", "long"):
        if textual and isinstance(value, str):
            if not re.fullmatch(r"-?\d+", value):
                return report(path, f"expected {t}, got {value!r:.60}")
            value = int(value)
        if not isinstance(value, int) or isinstance(value, bool):
            return report(path, f"expected {t}, got {type(value).__name__} {value!r:.60}")
        if "min" in shape and value < shape["min"]:
            report(path, f"{value} < min {shape['min']}")
        if "max" in shape and value > shape["max"]:
            report(path, f"{value} > max {shape['max']}")
    elif t in ("double", "float"):
        if textual and isinstance(value, str):
            try:
                value = float(value)
            except ValueError:
                return report(path, f"expected {t}, got {value!r:.60}")
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            return report(path, f"expected {t}, got {type(value).__name__} {value!r:.60}")
    elif t == "boolean":
        ok = value in ("true", "false") if textual and isinstance(value, str) else \
            isinstance(value, bool)
        if not ok:
            report(path, f"expected boolean, got {value!r:.60}")
    elif t == "timestamp":
        fmt = shape.get("timestampFormat", fmt_default)
        if fmt == "unixTimestamp":
            if not isinstance(value, (int, float)) or isinstance(value, bool):
                report(path, f"expected epoch-seconds timestamp, got {value!r:.60}")
        elif fmt == "iso8601":
            if not isinstance(value, str) or not ISO8601.match(value):
                report(path, f"expected ISO-8601 timestamp, got {value!r:.60}")
        elif fmt == "rfc822":
            if not isinstance(value, str) or not RFC822.match(value):
                report(path, f"expected RFC-822 (HTTP-date) timestamp, got {value!r:.60}")
    elif t == "blob":
        if not isinstance(value, str):
            report(path, f"expected base64 blob string, got {value!r:.60}")
    else:
        report(path, f"unhandled shape type {t}")


def walk_json(shapes, shape_name, value, path, report, skip_members=()):
    """rest-json body: structure/list/map/scalars; timestamps default to epoch seconds."""
    shape = shapes[shape_name]
    t = shape["type"]
    if value is None:
        return report(path, "null value (absent members must be omitted)")
    if t == "structure":
        if not isinstance(value, dict):
            return report(path, f"expected object, got {type(value).__name__}")
        members = {m.get("locationName", n) if "location" not in m else None: (n, m)
                   for n, m in shape["members"].items()}
        members.pop(None, None)
        for req in shape.get("required", []):
            m = shape["members"][req]
            if "location" not in m and m.get("locationName", req) not in value:
                report(f"{path}.{req}", "required member missing")
        for key, v in value.items():
            if key in skip_members:
                continue
            if key not in members:
                report(f"{path}.{key}", f"member not defined by {shape_name}")
                continue
            walk_json(shapes, members[key][1]["shape"], v, f"{path}.{key}", report)
        if shape.get("union") and len(value) != 1:
            report(path, f"union {shape_name} must set exactly one member, has {len(value)}")
    elif t == "list":
        if not isinstance(value, list):
            return report(path, f"expected list, got {type(value).__name__}")
        check_len(shape, len(value), path, report, "list")
        for i, item in enumerate(value):
            walk_json(shapes, shape["member"]["shape"], item, f"{path}[{i}]", report)
    elif t == "map":
        if not isinstance(value, dict):
            return report(path, f"expected map object, got {type(value).__name__}")
        check_len(shape, len(value), path, report, "map")
        for k, v in value.items():
            check_scalar(shapes[shape["key"]["shape"]], k, f"{path}.<key>", report,
                         "unixTimestamp")
            walk_json(shapes, shape["value"]["shape"], v, f"{path}.<value>", report)
    else:
        check_scalar(shape, value, path, report, "unixTimestamp")


def check_len(shape, n, path, report, what):
    if "min" in shape and n < shape["min"]:
        report(path, f"{what} has {n} entries < min {shape['min']}")
    if "max" in shape and n > shape["max"]:
        report(path, f"{what} has {n} entries > max {shape['max']}")


def strip_ns(tag):
    return tag.split("}", 1)[1] if "}" in tag else tag


def walk_xml(shapes, shape_name, elem, path, report, skip_children=()):
    """rest-xml / query body element against a shape; timestamps default to ISO-8601."""
    shape = shapes[shape_name]
    t = shape["type"]
    if t == "structure":
        by_name, flat_lists = {}, {}
        for n, m in shape["members"].items():
            if m.get("location"):
                continue
            ms = shapes[m["shape"]]
            if ms["type"] == "list" and ms.get("flattened"):
                flat_lists[ms["member"].get("locationName", m.get("locationName", n))] = (n, m)
            else:
                by_name[m.get("locationName", n)] = (n, m)
        seen, flat_items = set(), {}
        for child in elem:
            tag = strip_ns(child.tag)
            if tag in skip_children:
                continue
            if tag in flat_lists:
                flat_items.setdefault(tag, []).append(child)
                seen.add(flat_lists[tag][0])
            elif tag in by_name:
                n, m = by_name[tag]
                if n in seen:
                    report(f"{path}.{n}", "element repeated")
                seen.add(n)
                walk_xml(shapes, m["shape"], child, f"{path}.{n}", report)
            else:
                report(f"{path}.{tag}", f"element not defined by {shape_name}")
        for tag, items in flat_items.items():
            n, m = flat_lists[tag]
            ls = shapes[m["shape"]]
            check_len(ls, len(items), f"{path}.{n}", report, "list")
            for i, item in enumerate(items):
                walk_xml(shapes, ls["member"]["shape"], item, f"{path}.{n}[{i}]", report)
        for req in shape.get("required", []):
            if not shape["members"][req].get("location") and req not in seen:
                report(f"{path}.{req}", "required member missing")
    elif t == "list":
        item_name = shape["member"].get("locationName", "member")
        items = list(elem)
        for i, child in enumerate(items):
            if strip_ns(child.tag) != item_name:
                report(f"{path}[{i}]", f"list item element <{strip_ns(child.tag)}>, "
                                       f"model says <{item_name}>")
            walk_xml(shapes, shape["member"]["shape"], child, f"{path}[{i}]", report)
        check_len(shape, len(items), path, report, "list")
    elif t == "map":
        report(path, "XML maps not checked")
    else:
        check_scalar(shape, elem.text or "", path, report, "iso8601")


def check_headers(shapes, shape_name, headers, report):
    """Members with location=header: when the response carries the header, check its value."""
    for n, m in shapes[shape_name]["members"].items():
        if m.get("location") != "header":
            continue
        value = headers.get(m["locationName"].lower())
        if value is None:
            continue
        ms = shapes[m["shape"]]
        fmt = "rfc822"
        if ms["type"] == "timestamp" and ms.get("timestampFormat"):
            fmt = ms["timestampFormat"]
        if ms["type"] == "timestamp":
            ms = {**ms, "timestampFormat": fmt}
        check_scalar(ms, value, f"header {m['locationName']}", report, "rfc822")
