#!/usr/bin/env python3
"""Builds data/emulator/catalogue.json and data/fleets/demo-fleet.json from ../shared/data.

Run from the repository root:  python3 tools/aws-emulator/scripts/build_data.py
Sources and licenses are listed in data/emulator/README.md. Severities/CVSS are synthesised
(deterministically) where the source advisory carries none. The demo fleet also gets the finding
shapes real Inspector data shows (see fidelity() below); the catalogue, which the generator uses,
is left as it is.
"""
import glob
import hashlib
import json
import os
import re
import sys

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
SHARED = os.path.join(os.path.dirname(ROOT), "shared", "data")
SEVS = ["LOW", "MEDIUM", "MEDIUM", "HIGH", "HIGH", "CRITICAL"]
SCORES = {"LOW": 3.3, "MEDIUM": 5.5, "HIGH": 7.5, "CRITICAL": 9.8}
VECTORS = {"LOW": "CVSS:3.1/AV:L/AC:H/PR:L/UI:N/S:U/C:L/I:N/A:N",
           "MEDIUM": "CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:N/I:N/A:H",
           "HIGH": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H",
           "CRITICAL": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}


def h(s):
    return int(hashlib.sha256(s.encode()).hexdigest()[:8], 16)


def vuln(cve, pkg, manager, ranges, sev, title, desc, source, url, refs):
    x = h(cve + pkg)
    return {"id": cve, "package": pkg, "packageManager": manager, "ranges": ranges,
            "severity": sev, "title": f"{cve} - {pkg}", "description": (desc or title)[:600],
            "source": source, "sourceUrl": url, "referenceUrls": refs[:3],
            "cvss": {"score": SCORES[sev], "vector": VECTORS[sev], "version": "3.1"},
            "epss": round((x % 9000) / 100000.0 + 0.0004, 5), "exploitAvailable": x % 7 == 0}


def lower_release(rel):
    m = re.match(r"(\d+)(.*)", rel)
    if m and int(m.group(1)) > 1:
        return f"{int(m.group(1)) - 1}.el9"
    return "0.1.el9"


def alma():
    pkgs, vulns = {}, []
    sev_map = {"Low": "LOW", "Moderate": "MEDIUM", "Important": "HIGH", "Critical": "CRITICAL"}
    for f in sorted(glob.glob(os.path.join(SHARED, "advisories/osv-almalinux9/*.json")))[:160]:
        d = json.load(open(f))
        cves = [c for c in d.get("related", []) if c.startswith("CVE-")]
        if not cves:
            continue
        sev = sev_map.get(d.get("summary", "").split(":")[0], "MEDIUM")
        for aff in d["affected"][:3]:
            name = aff["package"]["name"]
            fixed = next((e["fixed"] for r in aff["ranges"] for e in r["events"] if "fixed" in e), None)
            if not fixed or "-" not in fixed or name in pkgs:
                continue
            ver, rel = fixed.rsplit("-", 1)
            epoch = 0
            if ":" in ver:  # "1:2.06": the epoch is a field of its own (and of the purl)
                e, ver = ver.split(":", 1)
                epoch = int(e)
            pkgs[name] = {"name": name, "version": ver, "release": lower_release(rel),
                          "epoch": epoch, "arch": "X86_64", "packageManager": "OS"}
            vulns.append(vuln(cves[0], name, "OS", [{"introduced": "0", "fixed": fixed}], sev,
                              d.get("summary", ""), d.get("details", ""), "REDHAT_CVE",
                              "https://access.redhat.com/security/cve/" + cves[0],
                              [r["url"] for r in d.get("references", [])]))
    return list(pkgs.values()), vulns


def pypi():
    pkgs, vulns = {}, []
    for d in sorted(glob.glob(os.path.join(SHARED, "advisories/osv-pypi/*"))):
        best = None
        for f in sorted(glob.glob(os.path.join(d, "*.yaml"))):
            a = yaml.safe_load(open(f))
            cves = [c for c in a.get("aliases", []) if c.startswith("CVE-")]
            if not cves:
                continue
            aff = a["affected"][0]
            name = aff["package"]["name"].lower()
            ranges = []
            for r in aff.get("ranges", []):
                if r.get("type") != "ECOSYSTEM":
                    continue
                cur = {}
                for e in r["events"]:
                    if "introduced" in e:
                        cur = {"introduced": str(e["introduced"])}
                    elif "fixed" in e:
                        cur["fixed"] = str(e["fixed"])
                        ranges.append(cur)
                        cur = {}
            if not ranges:
                continue
            sev = SEVS[h(cves[0]) % len(SEVS)]
            vulns.append(vuln(cves[0], name, "PIP", ranges, sev, a.get("summary", ""),
                              a.get("details", ""), "NVD",
                              "https://nvd.nist.gov/vuln/detail/" + cves[0],
                              [r["url"] for r in a.get("references", [])]))
            versions = [str(v) for v in aff.get("versions", []) if re.match(r"^\d+(\.\d+)*$", str(v))]
            if versions:
                best = (name, versions[-1])
        if best:
            pkgs[best[0]] = {"name": best[0], "version": best[1], "epoch": 0,
                             "packageManager": "PIP",
                             "filePath": f"var/task/{best[0]}-{best[1]}.dist-info/METADATA"}
    return list(pkgs.values()), vulns


def golang():
    pkgs, vulns = {}, []
    for f in sorted(glob.glob(os.path.join(SHARED, "advisories/osv-go/*.json")))[:140]:
        d = json.load(open(f))
        cves = [c for c in d.get("aliases", []) if c.startswith("CVE-")]
        if not cves:
            continue
        aff = d["affected"][0]
        name = aff["package"]["name"]
        ranges = []
        for r in aff.get("ranges", []):
            cur = {}
            for e in r["events"]:
                if "introduced" in e:
                    cur = {"introduced": e["introduced"]}
                elif "fixed" in e:
                    cur["fixed"] = e["fixed"]
                    ranges.append(cur)
                    cur = {}
        if not ranges:
            continue
        sev = SEVS[h(cves[0]) % len(SEVS)]
        vulns.append(vuln(cves[0], name, "GOBINARY", ranges, sev, d.get("summary", ""),
                          d.get("details", ""), "NVD", "https://pkg.go.dev/vuln/" + d["id"],
                          [r["url"] for r in d.get("references", [])]))
        if name not in pkgs:
            fixed = ranges[-1]["fixed"]
            intro = ranges[-1].get("introduced", "0")
            ver = intro if intro != "0" else fixed.rsplit(".", 1)[0] + ".0"
            pkgs[name] = {"name": name, "version": ver, "epoch": 0, "packageManager": "GOBINARY",
                          "filePath": "usr/local/bin/app"}
    return list(pkgs.values()), vulns


def debian():
    d = json.load(open(os.path.join(SHARED, "sboms/cyclonedx/guacdata-syft-nginx-latest.cdx14.json")))
    out = []
    for c in d["components"]:
        if not c.get("purl", "").startswith("pkg:deb/"):
            continue
        ver = c["version"]
        epoch = 0
        if ":" in ver:
            e, ver = ver.split(":", 1)
            epoch = int(e)
        lic = c.get("licenses", [{}])[0].get("license", {}).get("id", "")
        out.append({"name": c["name"], "version": ver, "epoch": epoch, "arch": "X86_64",
                    "packageManager": "OS", "license": lic})
    return out


# Real package/fix facts for distros without an openly licensed advisory feed in shared/data.
HAND = {
    "AMAZON_LINUX_2023": [
        ("openssl-libs", "3.0.8", "1.amzn2023.0.3", 1, "CVE-2023-5678", "3.0.8-1.amzn2023.0.10", "MEDIUM"),
        ("curl-minimal", "8.2.1", "1.amzn2023.0.1", 0, "CVE-2023-38545", "8.2.1-1.amzn2023.0.2", "CRITICAL"),
        ("libcurl-minimal", "8.2.1", "1.amzn2023.0.1", 0, "CVE-2023-38546", "8.2.1-1.amzn2023.0.2", "LOW"),
        ("glibc", "2.34", "52.amzn2023.0.3", 0, "CVE-2023-4911", "2.34-52.amzn2023.0.7", "HIGH"),
        ("sudo", "1.9.13", "1.p2.amzn2023.0.1", 0, "CVE-2023-42465", "1.9.15-1.p5.amzn2023.0.1", "MEDIUM"),
        ("bash", "5.2.15", "1.amzn2023.0.2", 0, None, None, None),
        ("systemd", "252.16", "1.amzn2023.0.1", 0, None, None, None),
        ("python3", "3.9.16", "1.amzn2023.0.6", 0, "CVE-2023-40217", "3.9.16-1.amzn2023.0.7", "MEDIUM"),
        ("vim-minimal", "9.0.1592", "1.amzn2023.0.1", 2, "CVE-2023-4781", "9.0.1882-1.amzn2023.0.1", "HIGH"),
        ("kernel", "6.1.49", "69.116.amzn2023", 0, "CVE-2023-4623", "6.1.55-75.123.amzn2023", "HIGH"),
    ],
    "UBUNTU_22_04": [
        ("openssl", "3.0.2", "0ubuntu1.10", 0, "CVE-2023-5678", "3.0.2-0ubuntu1.12", "MEDIUM"),
        ("libssl3", "3.0.2", "0ubuntu1.10", 0, "CVE-2023-5678", "3.0.2-0ubuntu1.12", "MEDIUM"),
        ("curl", "7.81.0", "1ubuntu1.13", 0, "CVE-2023-38545", "7.81.0-1ubuntu1.14", "CRITICAL"),
        ("libc6", "2.35", "0ubuntu3.3", 0, "CVE-2023-4911", "2.35-0ubuntu3.4", "HIGH"),
        ("sudo", "1.9.9", "1ubuntu2.3", 0, "CVE-2023-28486", "1.9.9-1ubuntu2.4", "LOW"),
        ("openssh-client", "8.9p1", "3ubuntu0.3", 1, "CVE-2023-38408", "1:8.9p1-3ubuntu0.3", None),
        ("vim", "8.2.3995", "1ubuntu2.11", 2, "CVE-2023-4752", "2:8.2.3995-1ubuntu2.12", "HIGH"),
        ("bash", "5.1", "6ubuntu1", 0, None, None, None),
        ("tar", "1.34+dfsg", "1ubuntu0.1.22.04.1", 0, None, None, None),
        ("zlib1g", "1.2.11.dfsg", "2ubuntu9.2", 1, None, None, None),
    ],
}
NPM = [("lodash", "4.17.20", "CVE-2021-23337", "4.17.21", "HIGH"),
       ("axios", "0.21.1", "CVE-2021-3749", "0.21.2", "HIGH"),
       ("minimist", "1.2.5", "CVE-2021-44906", "1.2.6", "CRITICAL"),
       ("jsonwebtoken", "8.5.1", "CVE-2022-23529", "9.0.0", "HIGH"),
       ("express", "4.18.2", None, None, None), ("uuid", "9.0.0", None, None, None)]


def hand_sets():
    sets, vulns = {}, []
    for platform, rows in HAND.items():
        pkgs = []
        for name, ver, rel, epoch, cve, fixed, sev in rows:
            pkgs.append({"name": name, "version": ver, "release": rel, "epoch": epoch,
                         "arch": "X86_64", "packageManager": "OS"})
            if cve and sev:
                vulns.append(vuln(cve, name, "OS", [{"introduced": "0", "fixed": fixed}], sev,
                                  "", f"{cve} affects {name}.",
                                  "UBUNTU_CVE" if platform.startswith("UBUNTU") else "ALAS_2023",
                                  "https://nvd.nist.gov/vuln/detail/" + cve, []))
        sets[platform] = pkgs
    npm = []
    for name, ver, cve, fixed, sev in NPM:
        npm.append({"name": name, "version": ver, "epoch": 0, "packageManager": "NPM",
                    "filePath": f"var/task/node_modules/{name}/package.json"})
        if cve:
            vulns.append(vuln(cve, name, "NPM", [{"introduced": "0", "fixed": fixed}], sev, "",
                              f"{cve} affects {name}.", "NVD",
                              "https://nvd.nist.gov/vuln/detail/" + cve, []))
    sets["NPM"] = npm
    return sets, vulns


def dedupe(vulns):
    seen, out = set(), []
    for v in vulns:
        k = (v["id"], v["package"])
        if k not in seen:
            seen.add(k)
            out.append(v)
    return out


def main():
    rhel_pkgs, rhel_v = alma()
    py_pkgs, py_v = pypi()
    go_pkgs, go_v = golang()
    deb_pkgs = debian()
    hs, hv = hand_sets()
    catalogue = {
        "osPackages": {"RHEL_9": rhel_pkgs, "DEBIAN_11": deb_pkgs,
                       "AMAZON_LINUX_2023": hs["AMAZON_LINUX_2023"],
                       "UBUNTU_22_04": hs["UBUNTU_22_04"]},
        "languagePackages": {"PIP": py_pkgs, "GOBINARY": go_pkgs, "NPM": hs["NPM"]},
        "vulnerabilities": dedupe(rhel_v + py_v + go_v + hv),
    }
    os.makedirs(os.path.join(ROOT, "data/emulator"), exist_ok=True)
    with open(os.path.join(ROOT, "data/emulator/catalogue.json"), "w") as f:
        json.dump(catalogue, f, separators=(",", ":"), sort_keys=True)
        f.write("\n")
    demo = demo_fleet(catalogue)
    with open(os.path.join(ROOT, "data/fleets/demo-fleet.json"), "w") as f:
        json.dump(demo, f, indent=1)
        f.write("\n")


def demo_fleet(cat):
    acct = "123456789012"
    os_p = cat["osPackages"]
    lang = cat["languagePackages"]
    used = set()

    def take(pkgs, n):
        for p in pkgs[:n]:
            used.add(p["name"])
        return pkgs[:n]

    fleet = {
        "settings": {"region": "us-east-1", "sbomExportSeconds": 2},
        "accounts": [{"id": acct, "region": "us-east-1",
                      "inspector": {"ec2": True, "ecr": True, "lambda": True, "lambdaCode": False}}],
        "users": [
            {"name": "kensa-demo", "accessKeyId": "AKIAIOSFODNN7EXAMPLE",
             "secretAccessKey": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
             "actions": ["inspector2:*", "lambda:ListFunctions", "lambda:GetFunction",
                         "sts:AssumeRole", "sts:GetCallerIdentity", "s3:*", "kms:Decrypt",
                         "ec2:DescribeInstances", "ecr:DescribeImages"]},
            {"name": "auditor", "accessKeyId": "AKIAI44QH8DHBEXAMPLE",
             "secretAccessKey": "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY",
             "actions": ["inspector2:ListCoverage", "inspector2:BatchGetAccountStatus",
                         "sts:GetCallerIdentity", "s3:ListBucket"]}],
        "roles": [{"arn": f"arn:aws:iam::{acct}:role/kensa-inspector",
                   "trust": {"principals": [f"arn:aws:iam::{acct}:user/kensa-demo"],
                             "externalId": "kensa-demo-external-id"},
                   "actions": ["inspector2:*", "lambda:ListFunctions", "lambda:GetFunction",
                               "s3:GetObject", "s3:ListBucket", "s3:GetBucketLocation",
                               "kms:Decrypt", "sts:GetCallerIdentity"],
                   "maxSessionDuration": 43200}],
        "kmsKeys": [{"arn": f"arn:aws:kms:us-east-1:{acct}:key/1234abcd-12ab-34cd-56ef-1234567890ab"},
                    {"arn": f"arn:aws:kms:eu-west-1:{acct}:key/0987dcba-09fe-87dc-65ba-ab0987654321"}],
        "buckets": [
            {"name": "kensa-sbom-exports", "region": "us-east-1",
             "kmsKeyArn": f"arn:aws:kms:us-east-1:{acct}:key/1234abcd-12ab-34cd-56ef-1234567890ab",
             "policy": [{"effect": "Allow", "principals": ["inspector2.amazonaws.com"],
                         "actions": ["s3:PutObject", "s3:PutObjectAcl", "s3:AbortMultipartUpload"]}]},
            {"name": "kensa-sbom-exports-eu", "region": "eu-west-1",
             "kmsKeyArn": f"arn:aws:kms:eu-west-1:{acct}:key/0987dcba-09fe-87dc-65ba-ab0987654321",
             "policy": [{"effect": "Allow", "principals": ["inspector2.amazonaws.com"],
                         "actions": ["s3:PutObject"]}]}],
        "ec2Instances": [
            {"instanceId": "i-0a1b2c3d4e5f60001", "name": "web-al2023", "platform": "AMAZON_LINUX_2023",
             "amiId": "ami-0c101f26f147fa7fd", "instanceType": "t3.medium",
             "ipV4Addresses": ["10.0.1.11"], "tags": {"env": "demo", "role": "web"},
             "software": take(os_p["AMAZON_LINUX_2023"], 50)},
            {"instanceId": "i-0a1b2c3d4e5f60002", "name": "db-rhel9", "platform": "RHEL_9",
             "amiId": "ami-0fe630eb857a6ec83", "instanceType": "r6i.large",
             "ipV4Addresses": ["10.0.2.21"], "tags": {"env": "demo", "role": "db"},
             "software": take(os_p["RHEL_9"], 60)},
            {"instanceId": "i-0a1b2c3d4e5f60003", "name": "bastion-ubuntu", "platform": "UBUNTU_22_04",
             "amiId": "ami-0e83be366243f524a", "instanceType": "t3.small",
             "ipV4Addresses": ["10.0.0.5"], "tags": {"env": "demo", "role": "bastion"},
             "software": take(os_p["UBUNTU_22_04"], 50)},
        ],
        "lambdaFunctions": [
            {"name": "orders-api", "runtime": "python3.12", "handler": "app.handler",
             "versions": ["1", "2"], "layers": [f"arn:aws:lambda:us-east-1:{acct}:layer:common-deps:3"],
             "tags": {"service": "orders"}, "software": take(lang["PIP"], 12)},
            {"name": "invoice-pdf", "runtime": "python3.7", "handler": "invoice.handler",
             "tags": {"service": "billing"}, "software": lang["PIP"][12:20]},
            {"name": "thumbnailer", "runtime": "nodejs18.x", "handler": "index.handler",
             "software": take(lang["NPM"], 6)},
            {"name": "auth-authorizer", "runtime": "nodejs20.x", "handler": "index.handler",
             "software": lang["NPM"][2:5]},
            {"name": "report-exporter", "runtime": "java17", "handler": "com.example.Handler::handle",
             "memorySize": 1024, "timeout": 60, "software": []},
            {"name": "ingest-worker", "packageType": "Image", "architecture": "arm64",
             "imageUri": f"{acct}.dkr.ecr.us-east-1.amazonaws.com/ingest-worker:1.8.0",
             "software": take(lang["GOBINARY"], 15)},
            {"name": "nightly-cleanup", "runtime": "python3.11", "handler": "cleanup.main",
             "versions": ["1", "2", "3"], "software": lang["PIP"][20:24]},
        ],
        "ecrRepositories": [
            {"name": "web-frontend", "images": [
                {"digest": "sha256:" + hashlib.sha256(b"web-frontend:1.4.0").hexdigest(),
                 "tags": ["v1.4.0", "stable"], "platform": "DEBIAN_11", "architecture": "amd64",
                 "author": "platform-team", "software": os_p["DEBIAN_11"][:80]},
                {"digest": "sha256:" + hashlib.sha256(b"web-frontend:1.5.0").hexdigest(),
                 "tags": ["v1.5.0", "latest"], "platform": "DEBIAN_11", "architecture": "amd64",
                 "author": "platform-team", "software": os_p["DEBIAN_11"][:90]}]},
            {"name": "payments-api", "images": [
                {"digest": "sha256:" + hashlib.sha256(b"payments-api:2.3.1").hexdigest(),
                 "tags": ["2.3.1", "prod"], "platform": "AMAZON_LINUX_2023",
                 "software": os_p["AMAZON_LINUX_2023"][:6] + lang["PIP"][:10]}]},
            {"name": "vault-sidecar", "images": [
                {"digest": "sha256:" + hashlib.sha256(b"vault-sidecar:0.9").hexdigest(),
                 "tags": ["0.9", "0.9.2"], "platform": "ALPINE_LINUX_3_19",
                 "software": lang["GOBINARY"][10:30]}]},
        ],
    }
    names = set()
    for r in fleet["ec2Instances"] + fleet["lambdaFunctions"]:
        names.update(p["name"] for p in r["software"])
    for repo in fleet["ecrRepositories"]:
        for img in repo["images"]:
            names.update(p["name"] for p in img["software"])
    fleet["vulnerabilities"] = [v for v in cat["vulnerabilities"] if v["package"] in names]
    fidelity(fleet)
    return fleet


# ---- finding shapes of the real samples (../shared/reference/inspector-findings) ----------------
# Each change below names the resource it lands on; the demo's other findings stay one per package.

def resource(fleet, kind, name):
    if kind == "ec2":
        return next(r for r in fleet["ec2Instances"] if r["name"] == name)
    if kind == "lambda":
        return next(r for r in fleet["lambdaFunctions"] if r["name"] == name)
    return next(r for r in fleet["ecrRepositories"] if r["name"] == name)


def entries(fleet, cve):
    return [v for v in fleet["vulnerabilities"] if v["id"] == cve]


def merge_packages(fleet, cve, primary):
    """One finding listing every package of the advisory (db-rhel9: openssl, -devel, -libs), as
    Inspector reports a (resource, vulnerability) pair. The other entries of the CVE become the
    primary entry's alsoPackages (same fixed version: one AlmaLinux advisory)."""
    group = entries(fleet, cve)
    head = next(v for v in group if v["package"] == primary)
    head["alsoPackages"] = [v["package"] for v in group if v is not head]
    fleet["vulnerabilities"] = [v for v in fleet["vulnerabilities"]
                                if v["id"] != cve or v is head]


def go_ranges(affected):
    out, cur = [], None
    for e in affected["ranges"][0]["events"]:
        if "introduced" in e:
            cur = {"introduced": e["introduced"]}
            out.append(cur)
        elif "fixed" in e and cur is not None:
            cur["fixed"] = e["fixed"]
    return out


def go_multi_module(osv_id, untriaged=False):
    """A Go advisory naming several modules, from golang/vulndb as it is: the first module is the
    entry's package, the others alsoPackages with their own ranges, or unfixedPackages when the
    advisory has no fix for them. An untriaged one has no CVSS (Inspector: UNTRIAGED, cvss [])."""
    d = json.load(open(os.path.join(SHARED, "advisories/osv-go", osv_id + ".json")))
    cve = next(c for c in d["aliases"] if c.startswith("CVE-"))
    first, *rest = d["affected"]
    sev = "UNTRIAGED" if untriaged else SEVS[h(cve) % len(SEVS)]
    v = vuln(cve, first["package"]["name"], "GOBINARY", go_ranges(first),
             "MEDIUM" if untriaged else sev, d.get("summary", ""), d.get("details", ""), "NVD",
             "https://pkg.go.dev/vuln/" + d["id"], [r["url"] for r in d.get("references", [])])
    v["title"] = f"{cve} - {first['package']['name']}"
    also, unfixed = [], []
    for a in rest:
        ranges = go_ranges(a)
        if any("fixed" in r for r in ranges):
            also.append({"name": a["package"]["name"], "ranges": ranges})
        else:
            unfixed.append(a["package"]["name"])
    v["alsoPackages"], v["unfixedPackages"] = also, unfixed
    if untriaged:
        v["severity"] = "UNTRIAGED"
        del v["cvss"]
        v["vendorSeverity"] = ""  # NVD has not scored it yet: no vendor severity either
    return v


def code_finding():
    """CODE_VULNERABILITY on nightly-cleanup, shaped like the AWS docs' Lambda code finding
    (detector ids and names are Amazon CodeGuru detector identifiers; texts are our own words)."""
    return {"id": "python/hardcoded-credentials@v1.0", "type": "CODE_VULNERABILITY",
            "resources": ["nightly-cleanup"], "severity": "CRITICAL",
            "title": "CWE-798 - Hardcoded credentials",
            "description": "An AWS access key is written into the function's source code; anyone "
                           "who can read the code can use it.",
            "remediation": "Remove the key from the code and read credentials from the "
                           "function's execution role or from AWS Secrets Manager.",
            "details": {"cwes": ["CWE-798"], "detectorId": "python/hardcoded-credentials@v1.0",
                        "detectorName": "Hardcoded credentials",
                        "detectorTags": ["secrets", "security", "owasp-top10", "top25-cwes",
                                         "cwe-798", "Python"],
                        "filePath": {"fileName": "cleanup.py", "filePath": "cleanup.py",
                                     "startLine": 14, "endLine": 14},
                        "ruleId": "python-detect-hardcoded-aws-credentials"}}


def network_finding(instance_id):
    """NETWORK_REACHABILITY on the bastion, shaped like the AWS docs' EC2 example (SSH open to an
    internet gateway); the component ids are derived from the instance id."""
    def cid(prefix, n):
        return prefix + "-" + hashlib.sha256((instance_id + prefix).encode()).hexdigest()[:n]
    igw, eni = cid("igw", 8), cid("eni", 17)
    steps = [(igw, "AWS::EC2::InternetGateway"), (cid("acl", 8), "AWS::EC2::NetworkAcl"),
             (cid("sg", 17), "AWS::EC2::SecurityGroup"), (eni, "AWS::EC2::NetworkInterface"),
             (instance_id, "AWS::EC2::Instance")]
    return {"id": "NETWORK-tcp-22", "type": "NETWORK_REACHABILITY", "resources": [instance_id],
            "severity": "MEDIUM", "title": "Port 22 is reachable from an Internet Gateway - TCP",
            "description": f"On the instance {instance_id}, the port range 22-22 is reachable "
                           f"from the InternetGateway {igw} from an attached ENI {eni}.",
            "remediation": "Restrict access to the instance in the security groups or network "
                           "ACLs on the network path.",
            "details": {"networkPath": {"steps": [{"componentId": c, "componentType": t}
                                                  for c, t in steps]},
                        "openPortRange": {"begin": 22, "end": 22}, "protocol": "TCP"}}


def fidelity(fleet):
    # Inspector runs one SBOM export per account at a time (the emulator's default), but the
    # demo fleet serves conformance tests that start several at once: no limit here.
    fleet["settings"]["sbomExportsAtOnce"] = 0
    # Lambda code scanning on, so the code finding below is reported (and coverage lists CODE).
    fleet["accounts"][0]["inspector"]["lambdaCode"] = True
    # (a) several vulnerablePackages in one finding: db-rhel9's openssl advisory.
    merge_packages(fleet, "CVE-2022-1292", "openssl")
    # (c) SUPPRESSED: a suppression rule for the vim advisory (3 findings on db-rhel9), and
    # CLOSED: the logrotate finding of db-rhel9 was closed.
    for v in entries(fleet, "CVE-2022-0554"):
        v["suppressed"] = True
    for v in entries(fleet, "CVE-2022-1348"):
        v["closed"] = True
    # (b, d) vault-sidecar carries github.com/moby/moby/v2 beside github.com/docker/docker, so
    # GO-2026-5746 is PARTIAL (moby/v2 fixed in 2.0.0-beta.14, docker/docker never) and
    # GO-2026-4883 is NO (moby/v2 fixed in beta.8, not affected); the latter also UNTRIAGED.
    vault = resource(fleet, "ecr", "vault-sidecar")["images"][0]
    vault["software"].append({"name": "github.com/moby/moby/v2", "version": "2.0.0-beta.10",
                              "epoch": 0, "packageManager": "GOBINARY",
                              "filePath": "usr/local/bin/app"})
    fleet["vulnerabilities"] += [go_multi_module("GO-2026-4883", untriaged=True),
                                 go_multi_module("GO-2026-5746")]
    # (e) ECR OS packages as the ECR samples show them: dpkg arch AMD64 and the layer they come
    # from (both web-frontend images share their Debian base layer).
    layer = "sha256:" + hashlib.sha256(b"web-frontend debian:11 base layer").hexdigest()
    for img in resource(fleet, "ecr", "web-frontend")["images"]:
        img["software"] = [dict(p, arch="AMD64", sourceLayerHash=layer) for p in img["software"]]
    # (f) a code finding on a Lambda function and a network finding on an instance.
    fleet["vulnerabilities"] += [code_finding(),
                                 network_finding(resource(fleet, "ec2", "bastion-ubuntu")["instanceId"])]


if __name__ == "__main__":
    sys.exit(main())
