#!/usr/bin/env python3
"""Reference oracles for the differential tests, using Debian's own libraries.

Reads "A B" pairs, one per line, from stdin and prints "<", "=", ">" or "!" (rejected):
  deb    apt_pkg.version_compare (python3-apt; the same algorithm as dpkg's verrevcmp)
  dpkg   `dpkg --compare-versions` itself, one process per relation (slow: for samples)
  rpm    rpm.labelCompare (python3-rpm) on "[E:]V[-R]" split like rpm's parseEVR
  pypi   packaging.version.Version (python3-packaging)
Exit code 3 when the ecosystem's library is not installed.
"""
import re
import subprocess
import sys


def sign(v):
    return "<" if v < 0 else (">" if v > 0 else "=")


def make_deb():
    import apt_pkg

    apt_pkg.init_system()
    return lambda a, b: sign(apt_pkg.version_compare(a, b))


def make_dpkg():
    def cmp(a, b):
        for rel, sym in (("lt", "<"), ("eq", "=")):
            rc = subprocess.run(["dpkg", "--compare-versions", a, rel, b],
                                stderr=subprocess.DEVNULL).returncode
            if rc == 0:
                return sym
            if rc != 1:
                return "!"
        return ">"

    return cmp


def split_evr(s):
    m = re.match(r"[0-9]*", s)
    i = m.end()
    if i < len(s) and s[i] == ":":
        epoch = s[:i] or "0"
        rest = s[i + 1:]
    else:
        epoch = None
        rest = s
    if "-" in rest:
        version, release = rest.rsplit("-", 1)
    else:
        version, release = rest, None
    return (epoch, version, release)


def make_rpm():
    import rpm

    def cmp(a, b):
        try:
            return sign(rpm.labelCompare(split_evr(a), split_evr(b)))
        except ValueError:
            return "!"

    return cmp


def make_pypi():
    from packaging.version import InvalidVersion, Version

    def cmp(a, b):
        try:
            va, vb = Version(a), Version(b)
        except InvalidVersion:
            return "!"
        return "<" if va < vb else (">" if va > vb else "=")

    return cmp


def main():
    makers = {"deb": make_deb, "dpkg": make_dpkg, "rpm": make_rpm, "pypi": make_pypi}
    if len(sys.argv) != 2 or sys.argv[1] not in makers:
        sys.stderr.write("usage: oracle.py deb|dpkg|rpm|pypi < pairs\n")
        return 2
    try:
        cmp = makers[sys.argv[1]]()
    except ImportError as e:
        sys.stderr.write("oracle.py: reference library missing: %s\n" % e)
        return 3
    out = []
    for line in sys.stdin:
        parts = line.split()
        if not parts:
            continue
        out.append(cmp(parts[0], parts[1]) if len(parts) == 2 else "!")
    sys.stdout.write("".join(s + "\n" for s in out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
