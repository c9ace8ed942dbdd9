#!/usr/bin/env python3
# AWS fidelity, input side: starts kensa-aws-emulator --demo-fleet and sends inspector2 requests
# that break one input constraint of the botocore model each (filter lists with 11 entries where
# max is 10 and with 0 where min is 1, filter string values beyond their length bounds, missing
# required members, enum values outside the enum, the ReportId pattern, maxResults out of range,
# a string where the model says double). Each must answer 400 ValidationException
# (x-amzn-ErrorType / __type) with a message that names the offending member, and the error body
# must fit the model's ValidationException shape. Valid requests (one and ten entries of every
# filter, number/date/port-range/package filters, maxResults bounds) must answer 200.
# The probes are derived from the botocore inspector2 model (Apache-2.0), read at test time from
# MODELS_DIR (../shared/reference/aws-models next to the repository).
#
# Usage: aws_input_probes_test.py EMULATOR_BINARY MODELS_DIR
# Prints PASS/FAIL per probe with status and message, then "N failed"; exit 1 if any failed.
# Standard library only.
import json
import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import aws_conformance_common as common  # noqa: E402

BUCKET = "kensa-sbom-exports"
KMS_KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
DESTINATION = {"bucketName": BUCKET, "kmsKeyArn": KMS_KEY}
NOW = 1_700_000_000
UUID = "0b0e5c1a-1111-4222-8333-444455556666"

# operation -> (path, request body wrapping a criteria object, criteria structure shape)
CRITERIA_OPS = {
    "ListFindings": ("/findings/list", lambda c: {"filterCriteria": c}, "FilterCriteria"),
    "ListCoverage": ("/coverage/list", lambda c: {"filterCriteria": c}, "CoverageFilterCriteria"),
    "CreateSbomExport": ("/sbomexport/create",
                         lambda c: {"reportFormat": "CYCLONEDX_1_4", "s3Destination": DESTINATION,
                                    "resourceFilterCriteria": c},
                         "ResourceFilterCriteria"),
}
PATHS = {op: v[0] for op, v in CRITERIA_OPS.items()}
PATHS.update({"GetSbomExport": "/sbomexport/get", "CancelSbomExport": "/sbomexport/cancel"})


class Probes:
    def __init__(self, emu, model):
        self.emu, self.shapes = emu, model["shapes"]
        self.failed = 0
        self.total = 0
        self.shape_issues = {}  # error-body shape violations, deduplicated

    def send(self, op, body):
        status, headers, data = self.emu.call(
            "inspector2", "POST", PATHS[op],
            body=body if isinstance(body, (bytes, str)) else json.dumps(body),
            headers={"content-type": "application/json"})
        try:
            parsed = json.loads(data) if data else {}
        except ValueError:
            parsed = {"message": data[:200].decode(errors="replace")}
        return status, headers, parsed if isinstance(parsed, dict) else {}

    def result(self, ok, name, status, etype, message):
        self.total += 1
        self.failed += 0 if ok else 1
        print(f"{'PASS' if ok else 'FAIL'} {name}: {status} {etype or '-'} "
              f"{(message or '')[:160]!r}")

    def expect_invalid(self, op, name, body, member):
        """400 ValidationException whose message names `member`."""
        status, headers, parsed = self.send(op, body)
        etype = error_type(headers, parsed)
        message = parsed.get("message") or parsed.get("Message") or ""
        ok = status == 400 and etype == "ValidationException" and \
            member.lower() in message.lower()
        self.result(ok, f"{op} {name} -> 400 ValidationException naming {member}",
                    status, etype, message)
        if status == 400 and etype == "ValidationException":
            body_only = {k: v for k, v in parsed.items() if k != "__type"}
            common.walk_json(self.shapes, "ValidationException", body_only, "",
                             lambda p, w: self.shape_issues.setdefault(
                                 f"ValidationException {p.lstrip('.') or '(body)'}: {w}", name))

    def expect_ok(self, op, name, body):
        status, headers, parsed = self.send(op, body)
        message = parsed.get("message") or parsed.get("Message") or ""
        self.result(status == 200, f"{op} {name} -> 200", status,
                    error_type(headers, parsed) if status != 200 else None, message)


def error_type(headers, parsed):
    raw = headers.get("x-amzn-errortype") or parsed.get("__type") or ""
    return raw.split(":", 1)[0].rsplit("#", 1)[-1]


def example(shapes, name, member=None):
    """A value valid for the shape (filters get a realistic value for their field)."""
    shape = shapes[name]
    t = shape["type"]
    if t == "structure":
        members = shape["members"]
        if name == "PackageFilter":
            chosen = ["name", "epoch"]
        else:
            chosen = shape.get("required") or list(members)
        return {m: example(shapes, members[m]["shape"], m) for m in chosen}
    if t == "list":
        return [example(shapes, shape["member"]["shape"], member)]
    if t == "string":
        if "enum" in shape:
            return shape["enum"][0]
        return {"key": "env", "value": "demo", "name": "openssl-libs"}.get(member, "x")
    if t in ("integer", "long"):
        return shape.get("min", 0)
    if t in ("double", "float"):
        return {"upperInclusive": 10.0}.get(member, 0.0)
    if t == "timestamp":
        return NOW if member != "endInclusive" else NOW + 86400 * 3650
    if t == "boolean":
        return True
    raise ValueError(f"no example for {name} ({t})")


def criteria_probes(p):
    shapes = p.shapes
    for op, (_, wrap, criteria_shape) in CRITERIA_OPS.items():
        members = shapes[criteria_shape]["members"]
        string_limits_done = set()
        for field, spec in members.items():
            list_shape = shapes[spec["shape"]]
            entry_shape = list_shape["member"]["shape"]
            entry = example(shapes, entry_shape)
            p.expect_ok(op, f"{field} with 1 entry", wrap({field: [entry]}))
            if "max" in list_shape:
                n = list_shape["max"]
                p.expect_ok(op, f"{field} with {n} entries (max)", wrap({field: [entry] * n}))
                p.expect_invalid(op, f"{field} with {n + 1} entries", wrap({field: [entry] * (n + 1)}),
                                 field)
            if list_shape.get("min", 0) >= 1:
                p.expect_invalid(op, f"{field} with 0 entries", wrap({field: []}), field)
            # string bounds and enums, once per entry shape and operation
            if entry_shape in string_limits_done:
                continue
            string_limits_done.add(entry_shape)
            entry_members = shapes[entry_shape]["members"]
            for m, mspec in entry_members.items():
                ms = shapes[mspec["shape"]]
                if ms["type"] != "string":
                    continue
                if "max" in ms:
                    bad = {**entry, m: "a" * (ms["max"] + 1)}
                    p.expect_invalid(op, f"{field}.{m} of length {ms['max'] + 1} "
                                         f"({entry_shape} max {ms['max']})", wrap({field: [bad]}), m)
                if ms.get("min", 0) >= 1:
                    bad = {**entry, m: ""}
                    p.expect_invalid(op, f"{field}.{m} empty ({entry_shape} min {ms['min']})",
                                     wrap({field: [bad]}), m)
                if "enum" in ms:
                    for bad_value in bad_enum_values(ms["enum"]):
                        bad = {**entry, m: bad_value}
                        p.expect_invalid(op, f"{field}.{m}={bad_value} "
                                             f"({mspec['shape']} is {'|'.join(ms['enum'])})",
                                         wrap({field: [bad]}), m)
            for req in shapes[entry_shape].get("required", []):
                bad = {k: v for k, v in entry.items() if k != req}
                p.expect_invalid(op, f"{field} entry without required {req}",
                                 wrap({field: [bad]}), req)


def bad_enum_values(enum):
    """A made-up value, plus the comparison operators the model leaves out of this enum."""
    values = ["NOT_A_VALUE"]
    if "EQUALS" in enum:
        values += [v for v in ("PREFIX", "NOT_EQUALS") if v not in enum]
    return values


def request_probes(p):
    shapes = p.shapes
    for op, max_shape in (("ListFindings", "ListFindingsMaxResults"),
                          ("ListCoverage", "ListCoverageMaxResults")):
        lo, hi = shapes[max_shape]["min"], shapes[max_shape]["max"]
        p.expect_ok(op, f"maxResults={lo} (min)", {"maxResults": lo})
        p.expect_ok(op, f"maxResults={hi} (max)", {"maxResults": hi})
        p.expect_invalid(op, f"maxResults={lo - 1}", {"maxResults": lo - 1}, "maxResults")
        p.expect_invalid(op, f"maxResults={hi + 1}", {"maxResults": hi + 1}, "maxResults")
        p.expect_invalid(op, "maxResults as a string", {"maxResults": "ten"}, "maxResults")

    for field in shapes["SortField"]["enum"]:
        for order in shapes["SortOrder"]["enum"]:
            p.expect_ok("ListFindings", f"sortCriteria {field} {order}",
                        {"sortCriteria": {"field": field, "sortOrder": order}})
    p.expect_invalid("ListFindings", "sortCriteria.field=NOT_A_FIELD",
                     {"sortCriteria": {"field": "NOT_A_FIELD", "sortOrder": "ASC"}}, "field")
    p.expect_invalid("ListFindings", "sortCriteria.sortOrder=UP",
                     {"sortCriteria": {"field": "SEVERITY", "sortOrder": "UP"}}, "sortOrder")
    p.expect_invalid("ListFindings", "sortCriteria without required sortOrder",
                     {"sortCriteria": {"field": "SEVERITY"}}, "sortOrder")
    p.expect_invalid("ListFindings", "sortCriteria without required field",
                     {"sortCriteria": {"sortOrder": "ASC"}}, "field")

    # valid number / date / port-range / package filters (all must answer 200)
    fc = lambda c: {"filterCriteria": c}  # noqa: E731
    valid = {
        "inspectorScore lowerInclusive/upperInclusive":
            {"inspectorScore": [{"lowerInclusive": 7.0, "upperInclusive": 10.0}]},
        "inspectorScore lowerInclusive only": {"inspectorScore": [{"lowerInclusive": 9}]},
        "epssScore lowerInclusive": {"epssScore": [{"lowerInclusive": 0.01}]},
        "epssScore upperInclusive": {"epssScore": [{"upperInclusive": 0.5}]},
        "firstObservedAt startInclusive/endInclusive (epoch seconds)":
            {"firstObservedAt": [{"startInclusive": NOW, "endInclusive": NOW + 10 ** 8}]},
        "firstObservedAt startInclusive fractional": {"firstObservedAt": [{"startInclusive": 1.5e9}]},
        "lastObservedAt endInclusive": {"lastObservedAt": [{"endInclusive": NOW + 10 ** 8}]},
        "updatedAt startInclusive": {"updatedAt": [{"startInclusive": 0}]},
        "portRange 0-65535": {"portRange": [{"beginInclusive": 0, "endInclusive": 65535}]},
        "portRange 22-22": {"portRange": [{"beginInclusive": 22, "endInclusive": 22}]},
        "vulnerablePackages name+epoch": {"vulnerablePackages": [{
            "name": {"comparison": "EQUALS", "value": "openssl-libs"},
            "epoch": {"lowerInclusive": 0, "upperInclusive": 1}}]},
        "vulnerablePackages epoch only": {"vulnerablePackages": [{"epoch": {"lowerInclusive": 1}}]},
        "vulnerablePackages sourceLambdaLayerArn":
            {"vulnerablePackages": [{"sourceLambdaLayerArn": {"comparison": "PREFIX",
                                                              "value": "arn:aws:lambda"}}]},
        "resourceTags EQUALS key only": {"resourceTags": [{"comparison": "EQUALS", "key": "env"}]},
        "title PREFIX": {"title": [{"comparison": "PREFIX", "value": "CVE-"}]},
    }
    for name, criteria in valid.items():
        p.expect_ok("ListFindings", name, fc(criteria))
    p.expect_ok("ListCoverage", "lastScannedAt startInclusive/endInclusive",
                fc({"lastScannedAt": [{"startInclusive": 0, "endInclusive": NOW + 10 ** 8}]}))
    p.expect_ok("ListCoverage", "ecrImageInUseCount NumberFilter",
                fc({"ecrImageInUseCount": [{"lowerInclusive": 0}]}))

    # wrong JSON types: the model says double / timestamp / integer
    p.expect_invalid("ListFindings", "inspectorScore.lowerInclusive as a string",
                     fc({"inspectorScore": [{"lowerInclusive": "high"}]}), "lowerInclusive")
    p.expect_invalid("ListFindings", "vulnerablePackages.epoch.lowerInclusive as a string",
                     fc({"vulnerablePackages": [{"epoch": {"lowerInclusive": "one"}}]}),
                     "lowerInclusive")
    p.expect_invalid("ListFindings", "firstObservedAt.startInclusive as a word",
                     fc({"firstObservedAt": [{"startInclusive": "yesterday"}]}), "startInclusive")
    p.expect_invalid("ListFindings", "portRange.beginInclusive=70000 (Port max 65535)",
                     fc({"portRange": [{"beginInclusive": 70000, "endInclusive": 70001}]}),
                     "beginInclusive")
    p.expect_invalid("ListFindings", "filterCriteria as a list", {"filterCriteria": []},
                     "filterCriteria")


def sbom_probes(p):
    shapes = p.shapes
    for req in shapes["CreateSbomExportRequest"]["required"]:
        body = {"reportFormat": "CYCLONEDX_1_4", "s3Destination": DESTINATION}
        del body[req]
        p.expect_invalid("CreateSbomExport", f"without required {req}", body, req)
    for req in shapes["Destination"]["required"]:
        dest = {k: v for k, v in DESTINATION.items() if k != req}
        p.expect_invalid("CreateSbomExport", f"s3Destination without required {req}",
                         {"reportFormat": "SPDX_2_3", "s3Destination": dest}, req)
    for bad in ("CYCLONEDX_1_5", "cyclonedx_1_4", "SPDX"):
        p.expect_invalid("CreateSbomExport", f"reportFormat={bad}",
                         {"reportFormat": bad, "s3Destination": DESTINATION}, "reportFormat")
    for fmt in shapes["SbomReportFormat"]["enum"]:
        p.expect_ok("CreateSbomExport", f"reportFormat={fmt}",
                    {"reportFormat": fmt, "s3Destination": DESTINATION})
    for op in ("GetSbomExport", "CancelSbomExport"):
        p.expect_invalid(op, "without required reportId", {}, "reportId")
        for bad in ("not-a-report-id", "0B0E5C1A-1111-4222-8333-444455556666", "12345678"):
            p.expect_invalid(op, f"reportId={bad!r} (ReportId pattern)", {"reportId": bad},
                             "reportId")
        p.expect_invalid(op, "reportId as a number", {"reportId": 42}, "reportId")
    status, _, created = p.send("CreateSbomExport",
                                {"reportFormat": "SPDX_2_3", "s3Destination": DESTINATION})
    if status == 200 and "reportId" in created:
        p.expect_ok("GetSbomExport", "existing reportId", {"reportId": created["reportId"]})
    # a well-formed id of no export: ResourceNotFoundException (404), not a validation error
    status, headers, parsed = p.send("GetSbomExport", {"reportId": UUID})
    etype = error_type(headers, parsed)
    p.result(status == 404 and etype == "ResourceNotFoundException",
             "GetSbomExport unknown well-formed reportId -> 404 ResourceNotFoundException",
             status, etype, parsed.get("message", ""))


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: aws_input_probes_test.py EMULATOR_BINARY MODELS_DIR")
    model = common.load_models(sys.argv[2])["inspector2"]
    emu = common.Emulator(sys.argv[1])
    p = Probes(emu, model)
    try:
        criteria_probes(p)
        request_probes(p)
        sbom_probes(p)
    finally:
        emu.stop()
    for issue, probe in p.shape_issues.items():
        p.total += 1
        p.failed += 1
        print(f"FAIL error body shape: {issue} (first seen in: {probe})")
    print(f"{p.total} probes")
    print(f"{p.failed} failed")
    return 1 if p.failed else 0


if __name__ == "__main__":
    sys.exit(main())
