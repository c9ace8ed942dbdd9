#!/usr/bin/env python3
# AWS fidelity, output side: starts kensa-aws-emulator --demo-fleet, calls every operation kensa
# uses (inspector2 ListFindings/ListCoverage/BatchGetAccountStatus/Create|Get|CancelSbomExport,
# lambda ListFunctions/GetFunction, sts GetCallerIdentity/AssumeRole, s3 ListObjectsV2/HeadObject/
# GetObject on the SBOM export objects) and walks every response against the output shape of the
# botocore service model: required members present, no member the shape does not define, enum
# values, scalar types (timestamps: epoch numbers in rest-json unless timestampFormat says
# otherwise, ISO-8601 in XML, HTTP-date in headers), string/list min/max and patterns.
# The botocore models (Apache-2.0) are read at test time from MODELS_DIR
# (../shared/reference/aws-models next to the repository); nothing of them is copied here.
#
# Usage: aws_output_shapes_test.py EMULATOR_BINARY MODELS_DIR
# Prints "OPERATION path.to.member: what" per violation and "N violations"; exit 1 if N > 0.
# Standard library only.
import collections
import json
import os
import re
import sys
import time
import urllib.parse
import xml.etree.ElementTree as ET

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import aws_conformance_common as common  # noqa: E402

BUCKET = "kensa-sbom-exports"
KMS_KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
ROLE = "arn:aws:iam::123456789012:role/kensa-inspector"
EXTERNAL_ID = "kensa-demo-external-id"


class Checker:
    def __init__(self, emu, models):
        self.emu, self.models = emu, models
        self.violations = {}  # (operation, path with list indices as []) -> [first what, count]
        self.calls = collections.Counter()

    def report(self, op, path, what):
        key = (op, re.sub(r"\[\d+\]", "[]", path))
        if key in self.violations:
            self.violations[key][1] += 1
        else:
            self.violations[key] = [what, 1]

    def reporter(self, op):
        return lambda path, what: self.report(op, path.lstrip(".") or "(body)", what)

    def output_shape(self, service, op):
        return self.models[service]["operations"][op]["output"]["shape"]

    # ---- rest-json (inspector2, lambda)
    def json_call(self, service, op, method, path, body=None, query=None):
        self.calls[op] += 1
        status, headers, data = self.emu.call(
            service, method, path, query=query,
            body=json.dumps(body) if body is not None else b"",
            headers={"content-type": "application/json"} if body is not None else None)
        if status != 200:
            self.report(op, "(status)", f"HTTP {status}: {data[:200]!r}")
            return None
        try:
            value = json.loads(data)
        except ValueError:
            self.report(op, "(body)", f"not JSON: {data[:120]!r}")
            return None
        shapes = self.models[service]["shapes"]
        walk = self.output_shape(service, op)
        common.walk_json(shapes, walk, value, "", self.reporter(op))
        common.check_headers(shapes, walk, headers, self.reporter(op))
        return value

    def inspector(self, op, path, body):
        return self.json_call("inspector2", op, "POST", path, body=body)

    # ---- query / rest-xml (sts, s3)
    def sts_call(self, op, params, creds=None, token=None):
        self.calls[op] += 1
        form = urllib.parse.urlencode({"Action": op, "Version": "2011-06-15", **params})
        status, _, data = self.emu.call(
            "sts", "POST", "/", body=form, token=token,
            headers={"content-type": "application/x-www-form-urlencoded; charset=utf-8"},
            creds=creds or (common.ACCESS_KEY, common.SECRET_KEY))
        if status != 200:
            self.report(op, "(status)", f"HTTP {status}: {data[:200]!r}")
            return None
        root = self.parse_xml(op, data)
        if root is None:
            return None
        rep = self.reporter(op)
        if common.strip_ns(root.tag) != f"{op}Response":
            rep("", f"root element <{common.strip_ns(root.tag)}>, expected <{op}Response>")
        wrapper = self.models["sts"]["operations"][op]["output"]["resultWrapper"]
        results = [c for c in root if common.strip_ns(c.tag) == wrapper]
        for c in root:
            if common.strip_ns(c.tag) not in (wrapper, "ResponseMetadata"):
                rep(common.strip_ns(c.tag), f"element not expected in <{op}Response>")
        if len(results) != 1:
            rep("", f"expected exactly one <{wrapper}>, got {len(results)}")
            return None
        meta = [c for c in root if common.strip_ns(c.tag) == "ResponseMetadata"]
        if not meta or not any(common.strip_ns(c.tag) == "RequestId" for c in meta[0]):
            rep("ResponseMetadata.RequestId", "missing")
        common.walk_xml(self.models["sts"]["shapes"], self.output_shape("sts", op), results[0],
                        "", rep)
        return results[0]

    def parse_xml(self, op, data):
        try:
            return ET.fromstring(data)
        except ET.ParseError as e:
            self.report(op, "(body)", f"not XML: {e}")
            return None

    def s3_call(self, op, method, path, query=None):
        self.calls[op] += 1
        status, headers, data = self.emu.call("s3", method, path, query=query)
        if status != 200:
            self.report(op, "(status)", f"HTTP {status}: {data[:200]!r}")
            return None, headers, data
        shapes = self.models["s3"]["shapes"]
        common.check_headers(shapes, self.output_shape("s3", op), headers, self.reporter(op))
        return status, headers, data


def xml_text(elem, name):
    for c in elem:
        if common.strip_ns(c.tag) == name:
            return c.text or ""
    return None


def run_inspector(ck):
    # ListFindings: all pages, small pages, with sort, with filters
    variants = [
        ("all", {"maxResults": 100}),
        ("small pages", {"maxResults": 7,
                         "sortCriteria": {"field": "INSPECTOR_SCORE", "sortOrder": "DESC"}}),
        ("filtered", {"maxResults": 25, "filterCriteria": {
            "findingStatus": [{"comparison": "EQUALS", "value": "ACTIVE"}],
            "severity": [{"comparison": "EQUALS", "value": "HIGH"},
                         {"comparison": "EQUALS", "value": "CRITICAL"}]}}),
        ("lambda", {"maxResults": 50, "filterCriteria": {
            "resourceType": [{"comparison": "EQUALS", "value": "AWS_LAMBDA_FUNCTION"}]}}),
        ("ecr", {"maxResults": 50, "filterCriteria": {
            "resourceType": [{"comparison": "EQUALS", "value": "AWS_ECR_CONTAINER_IMAGE"}]}}),
        ("code", {"filterCriteria": {
            "findingType": [{"comparison": "EQUALS", "value": "CODE_VULNERABILITY"}]}}),
        ("closed", {"filterCriteria": {
            "findingStatus": [{"comparison": "EQUALS", "value": "CLOSED"}]}}),
    ]
    total = 0
    for _, body in variants:
        token, pages = None, 0
        while pages < 60:
            page = ck.inspector("ListFindings", "/findings/list",
                                {**body, **({"nextToken": token} if token else {})})
            pages += 1
            if page is None:
                break
            total += len(page.get("findings", []))
            token = page.get("nextToken")
            if not token:
                break
    if total == 0:
        ck.report("ListFindings", "findings", "no findings returned at all (demo fleet has ~280)")

    for body in ({"maxResults": 200}, {"maxResults": 3},
                 {"filterCriteria": {"resourceType": [
                     {"comparison": "EQUALS", "value": "AWS_EC2_INSTANCE"}]}}):
        token, pages = None, 0
        while pages < 40:
            page = ck.inspector("ListCoverage", "/coverage/list",
                                {**body, **({"nextToken": token} if token else {})})
            pages += 1
            if page is None or not page.get("nextToken"):
                break
            token = page["nextToken"]

    ck.inspector("BatchGetAccountStatus", "/status/batch/get", {})
    ck.inspector("BatchGetAccountStatus", "/status/batch/get",
                 {"accountIds": ["123456789012", "210987654321"]})

    exports = []
    for fmt, criteria in (("CYCLONEDX_1_4", None), ("SPDX_2_3", {
            "resourceType": [{"comparison": "EQUALS", "value": "AWS_LAMBDA_FUNCTION"}]})):
        body = {"reportFormat": fmt,
                "s3Destination": {"bucketName": BUCKET, "kmsKeyArn": KMS_KEY,
                                  "keyPrefix": "fidelity"}}
        if criteria:
            body["resourceFilterCriteria"] = criteria
        created = ck.inspector("CreateSbomExport", "/sbomexport/create", body)
        if created and "reportId" in created:
            exports.append(created["reportId"])
    cancel = ck.inspector("CreateSbomExport", "/sbomexport/create", {
        "reportFormat": "CYCLONEDX_1_4",
        "s3Destination": {"bucketName": BUCKET, "kmsKeyArn": KMS_KEY}})
    if cancel and "reportId" in cancel:
        ck.inspector("GetSbomExport", "/sbomexport/get", {"reportId": cancel["reportId"]})
        ck.inspector("CancelSbomExport", "/sbomexport/cancel", {"reportId": cancel["reportId"]})
        ck.inspector("GetSbomExport", "/sbomexport/get", {"reportId": cancel["reportId"]})
    # a failing export (bucket in another region) to see the FAILED shape
    failed = ck.inspector("CreateSbomExport", "/sbomexport/create", {
        "reportFormat": "SPDX_2_3",
        "s3Destination": {"bucketName": "kensa-sbom-exports-eu", "kmsKeyArn": KMS_KEY}})
    if failed and "reportId" in failed:
        exports.append(failed["reportId"])

    done = []
    deadline = time.time() + 60
    pending = list(exports)
    while pending and time.time() < deadline:
        for rid in list(pending):
            got = ck.inspector("GetSbomExport", "/sbomexport/get", {"reportId": rid})
            if got is None or got.get("status") != "IN_PROGRESS":
                pending.remove(rid)
                if got:
                    done.append(got)
        if pending:
            ck.emu.control("POST", "clock", {"advanceSeconds": 5})
            time.sleep(0.2)
    for rid in pending:
        ck.report("GetSbomExport", "status", f"export {rid} still IN_PROGRESS after 60 s")
    return done


def run_lambda(ck):
    names, marker, pages = [], None, 0
    while pages < 20:
        query = [("FunctionVersion", "ALL"), ("MaxItems", "3")] + \
            ([("Marker", marker)] if marker else [])
        page = ck.json_call("lambda", "ListFunctions", "GET", "/2015-03-31/functions",
                            query=query)
        pages += 1
        if page is None:
            break
        names += [f.get("FunctionName") for f in page.get("Functions", [])]
        marker = page.get("NextMarker")
        if not marker:
            break
    ck.json_call("lambda", "ListFunctions", "GET", "/2015-03-31/functions", query=[])
    for name in sorted({n for n in names if isinstance(n, str)}):
        ck.json_call("lambda", "GetFunction", "GET",
                     "/2015-03-31/functions/" + urllib.parse.quote(name, safe=""))
    if names:
        ck.json_call("lambda", "GetFunction", "GET", "/2015-03-31/functions/orders-api",
                     query=[("Qualifier", "1")])
        arn = "arn:aws:lambda:us-east-1:123456789012:function:orders-api"
        ck.json_call("lambda", "GetFunction", "GET",
                     "/2015-03-31/functions/" + urllib.parse.quote(arn, safe=""))


def run_sts(ck):
    ck.sts_call("GetCallerIdentity", {})
    result = ck.sts_call("AssumeRole", {"RoleArn": ROLE, "RoleSessionName": "kensa-fidelity",
                                        "ExternalId": EXTERNAL_ID, "DurationSeconds": "900"})
    if result is None:
        return
    creds = next((c for c in result if common.strip_ns(c.tag) == "Credentials"), None)
    if creds is not None:
        key, secret = xml_text(creds, "AccessKeyId"), xml_text(creds, "SecretAccessKey")
        token = xml_text(creds, "SessionToken")
        if key and secret and token:
            ck.sts_call("GetCallerIdentity", {}, creds=(key, secret), token=token)


def run_s3(ck, exports):
    prefixes = set()
    for e in exports:
        dest = e.get("s3Destination") or {}
        if e.get("status") == "SUCCEEDED" and dest.get("bucketName") == BUCKET:
            prefixes.add(dest.get("keyPrefix", ""))
    if not prefixes:
        ck.report("GetSbomExport", "status", "no SUCCEEDED export to read back from s3")
        prefixes = {""}
    shapes = ck.models["s3"]["shapes"]
    keys = []
    for prefix in sorted(prefixes):
        for max_keys in ("1000", "2"):
            token, pages = None, 0
            while pages < 30:
                query = [("list-type", "2"), ("prefix", prefix), ("max-keys", max_keys)]
                if token:
                    query.append(("continuation-token", token))
                status, _, data = ck.s3_call("ListObjectsV2", "GET", "/" + BUCKET, query=query)
                pages += 1
                if status is None:
                    break
                root = ck.parse_xml("ListObjectsV2", data)
                if root is None:
                    break
                if common.strip_ns(root.tag) != "ListBucketResult":
                    ck.report("ListObjectsV2", "", f"root element <{common.strip_ns(root.tag)}>,"
                                                   " expected <ListBucketResult>")
                common.walk_xml(shapes, "ListObjectsV2Output", root, "",
                                ck.reporter("ListObjectsV2"))
                for c in root:
                    if common.strip_ns(c.tag) == "Contents":
                        keys.append(xml_text(c, "Key"))
                token = xml_text(root, "NextContinuationToken")
                if xml_text(root, "IsTruncated") != "true" or not token:
                    break
    for key in sorted({k for k in keys if k})[:6]:
        path = "/" + BUCKET + "/" + urllib.parse.quote(key, safe="/-_.~")
        ck.s3_call("HeadObject", "HEAD", path)
        status, headers, data = ck.s3_call("GetObject", "GET", path)
        if status is not None:
            length = headers.get("content-length")
            if length is not None and length != str(len(data)):
                ck.report("GetObject", "header Content-Length",
                          f"{length} but body has {len(data)} bytes")
            try:
                json.loads(data)
            except ValueError:
                ck.report("GetObject", "(body)", "SBOM document is not JSON")


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: aws_output_shapes_test.py EMULATOR_BINARY MODELS_DIR")
    models = common.load_models(sys.argv[2])
    emu = common.Emulator(sys.argv[1])
    ck = Checker(emu, models)
    try:
        exports = run_inspector(ck)
        run_lambda(ck)
        run_sts(ck)
        run_s3(ck, exports)
    finally:
        emu.stop()
    for (op, path), (what, count) in ck.violations.items():
        print(f"{op} {path}: {what}" + (f" (x{count})" if count > 1 else ""))
    print("calls checked: " + ", ".join(f"{op} {n}" for op, n in ck.calls.items()))
    print(f"{len(ck.violations)} violations")
    return 1 if ck.violations else 0


if __name__ == "__main__":
    sys.exit(main())
