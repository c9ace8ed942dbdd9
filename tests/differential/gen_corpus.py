#!/usr/bin/env python3
"""Deterministic corpus of version pairs for the differential tests.

Usage: gen_corpus.py ECOSYSTEM COUNT [SEED] > pairs.txt
Writes the ecosystem's hand-picked edge cases, then COUNT random pairs built from realistic
grammar pieces (epochs, tildes, carets, pre-releases, qualifiers, leading zeros, empty
segments...). Half of the random pairs are a version and a small mutation of it, so that
equal and nearly equal versions are common. Versions never contain spaces.
"""
import random
import sys

LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"


def num(r):
    roll = r.random()
    if roll < 0.5:
        return str(r.randint(0, 9))
    if roll < 0.7:
        return str(r.randint(10, 99))
    if roll < 0.8:
        return "0" * r.randint(1, 3) + str(r.randint(0, 20))
    if roll < 0.9:
        return str(r.randint(100, 99999))
    if roll < 0.97:
        return str(r.randint(2000_01_01, 2030_12_31))
    return str(r.randint(10**9, 10**25))


def word(r, pool):
    return r.choice(pool)


# --- deb -------------------------------------------------------------------------------------
DEB_WORDS = ["a", "b", "rc", "beta", "alpha", "dfsg", "ds", "git", "deb", "ubuntu", "bpo",
             "build", "really", "Z", "A", "svn", "post", "nmu", "+dfsg", "+b", "~rc", "~", "~~",
             "~beta", "+really", ".", "+", "+git", "~bpo", "ds1", "0ubuntu", "debian"]


def deb_part(r, extra):
    out = [num(r)]
    for _ in range(r.randint(0, 4)):
        roll = r.random()
        if roll < 0.45:
            out.append("." + num(r))
        elif roll < 0.8:
            out.append(word(r, DEB_WORDS))
            if r.random() < 0.6:
                out.append(num(r))
        else:
            out.append(r.choice(extra))
    return "".join(out)


def gen_deb(r):
    v = ""
    has_epoch = r.random() < 0.25
    if has_epoch:
        v += str(r.choice([0, 0, 1, 1, 2, 10, 99])) + ":"
    upstream = deb_part(r, ["~", "+", ".", "~~", "a", "Z"] + ([":"] if has_epoch else []))
    if r.random() < 0.6:
        if r.random() < 0.2:
            upstream += "-" + deb_part(r, ["~", "+", "."])
        rev = deb_part(r, ["~", "+", "."])
        if r.random() < 0.2:
            rev = r.choice(["0", "1", "1ubuntu1", "0.1", "1+b1", "1~bpo11+1", "1build1", "a1"])
        v += upstream + "-" + rev
    else:
        v += upstream
    return v


def mutate_deb(r, v):
    ops = [lambda s: s + r.choice(["~", "~rc1", "+b1", ".0", "a", "-1", "0"]),
           lambda s: s.replace(".", "." + "0", 1),
           lambda s: "0:" + s if ":" not in s else s,
           lambda s: s[:-1] if len(s) > 1 and s[-1] not in "-:" and s[-2] not in "-:" else s,
           lambda s: s.replace("~", "+", 1),
           lambda s: s.replace("1", "01", 1)]
    out = r.choice(ops)(v)
    # keep it valid: no trailing '-' and no ':' without an epoch
    if out.endswith("-") or out.endswith(":"):
        return v
    if ":" in out and not out.split(":", 1)[0].isdigit():
        return v
    if out.count("-") and not out.rsplit("-", 1)[0]:
        return v
    return out


DEB_EDGES = ["1.0", "1.0-0", "0:1.0", "1.0~", "1.0~~", "1.0~~a", "1.0~a", "1.0a", "1.0+",
             "1.0.", "1.0-1", "1.0-1~", "1:1.0", "1:0.9", "2:1", "10:1", "1.0~rc1-1",
             "1.0+dfsg-1", "1.0+dfsg1-1", "1.00", "1.000", "01.0", "1.0a1", "1.0A1", "1.0-1ubuntu1",
             "1.0-1ubuntu1.1", "1.0-1+b1", "1.0-1~bpo11+1", "1:2:3", "1:2:3-4", "1.2-3-4",
             "99999999999999999999", "99999999999999999998", "1.0-a", "1.0-Z", "1.0-~"]


# --- rpm -------------------------------------------------------------------------------------
RPM_WORDS = ["a", "b", "rc", "beta", "alpha", "el", "fc", "git", "svn", "pre", "post", "p",
             "xyz", "Z", "A", "module", "centos", "amzn", "snap", "dev", "final", "aa"]
RPM_SEPS = [".", ".", ".", "_", "+", "~", "^", "~~", "^^", "..", "%", "~^", "^~"]


def rpm_part(r):
    out = []
    if r.random() < 0.85:
        out.append(num(r))
    else:
        out.append(word(r, RPM_WORDS))
    for _ in range(r.randint(0, 5)):
        roll = r.random()
        if roll < 0.5:
            out.append(r.choice(RPM_SEPS))
        if r.random() < 0.6:
            out.append(num(r))
        else:
            out.append(word(r, RPM_WORDS))
    if r.random() < 0.05:
        out.append(r.choice(["~", "^", ".", "_"]))
    return "".join(out)


def gen_rpm(r):
    v = ""
    roll = r.random()
    if roll < 0.2:
        v += str(r.choice([0, 0, 1, 2, 10])) + ":"
    elif roll < 0.23:
        v += r.choice([":", "00:", "01:"])
    v += rpm_part(r)
    if r.random() < 0.55:
        v += "-" + rpm_part(r)
    elif r.random() < 0.03:
        v += "-"
    return v


def mutate_rpm(r, v):
    ops = [lambda s: s + r.choice(["~", "^", "~rc1", "^git1", ".0", "a", "-1", "0", "_1"]),
           lambda s: s.replace(".", "_", 1),
           lambda s: "0:" + s if ":" not in s else s,
           lambda s: s[:-1] if len(s) > 1 else s,
           lambda s: s.replace("~", "^", 1),
           lambda s: s.replace("1", "01", 1),
           lambda s: s.rsplit("-", 1)[0]]
    return r.choice(ops)(v) or v


RPM_EDGES = ["1.0", "1.0-1", "0:1.0", "1:1.0", ":1.0", "1.0~rc1", "1.0^", "1.0^git1", "1.0~",
             "1.0~~", "1.0^^", "1.0~^", "1.0^~", "1.0_1", "1.0+1", "1_0", "1.0a", "1.0.a", "a",
             "1.0-", "1.0-0", "1.01", "1.001", "10xyz", "10.1xyz", "xyz10", "xyz.4", "5.5p1",
             "5.5p10", "2.0.1a", "6.0.rc1", "10b2", "10a1", "1.0aa", "20101121", "1.0^20160101",
             "1.0~rc1^git1", "1.0^git1~pre", "1.0-1.el8", "1.0-1.el8_2", "0.1-1.fc38",
             "123456789012345678901234567890", "123456789012345678901234567891", "+", "_a"]


# --- pypi ------------------------------------------------------------------------------------
def pep_sep(r):
    return r.choice(["", "", "", ".", "-", "_"])


def gen_pypi(r):
    if r.random() < 0.03:
        return r.choice(["foo", "1.0-", "1..0", "1.0+", "1.0+a..b", "1.0.a", "1.0b1b2",
                         "1.0+a_", "v", "1!", "!1", "1.0-dev-", "1.0.post", "1.0_", "1.0++a",
                         "1.0a1.b2", "1.0-rc-1", ".1", "1.", "1.0rc1.post1.dev1+abc.DEF-9"])
    v = ""
    if r.random() < 0.05:
        v += r.choice(["v", "V"])
    if r.random() < 0.1:
        v += str(r.choice([0, 1, 2, 10, 0])) + "!"
    v += ".".join(num(r) if r.random() < 0.3 else str(r.randint(0, 12))
                  for _ in range(r.choice([1, 2, 2, 3, 3, 3, 4, 5])))
    if r.random() < 0.3:
        label = r.choice(["a", "b", "c", "rc", "alpha", "beta", "pre", "preview", "A", "RC",
                          "Alpha"])
        v += pep_sep(r) + label
        if r.random() < 0.8:
            v += pep_sep(r) + str(r.randint(0, 12))
    if r.random() < 0.2:
        if r.random() < 0.3:
            v += "-" + str(r.randint(0, 5))
        else:
            v += pep_sep(r) + r.choice(["post", "rev", "r", "POST"])
            if r.random() < 0.7:
                v += pep_sep(r) + str(r.randint(0, 5))
    if r.random() < 0.2:
        v += pep_sep(r) + r.choice(["dev", "DEV"])
        if r.random() < 0.7:
            v += pep_sep(r) + str(r.randint(0, 500))
    if r.random() < 0.15:
        parts = [r.choice(["ubuntu", "abc", "5", "7", "01", "cpu", "cu118", "A", "z", "0",
                           "1a", "def"]) for _ in range(r.randint(1, 3))]
        v += "+" + "".join(p + r.choice([".", "-", "_"]) for p in parts[:-1]) + parts[-1]
    return v


def mutate_pypi(r, v):
    ops = [lambda s: s + r.choice([".0", "a1", ".dev0", ".post0", "+local", "0", "-1", "rc"]),
           lambda s: s.replace(".", "-", 1),
           lambda s: s.replace("a", "alpha", 1),
           lambda s: s.replace("rc", "c", 1),
           lambda s: s[:-1] if len(s) > 1 else s,
           lambda s: s.upper(),
           lambda s: s.replace("1", "01", 1),
           lambda s: "0!" + s if "!" not in s else s]
    return r.choice(ops)(v)


PYPI_EDGES = ["1.0", "1.0.0", "1.0a1", "1.0.0a1", "1.0alpha1", "1.0-a-1", "1.0_a_1", "1.0c1",
              "1.0rc1", "1.0pre1", "1.0preview1", "1.0-1", "1.0.post1", "1.0post", "1.0r",
              "1.0rev", "1.0.dev0", "1.0dev", "1.0a1.dev1", "1.0.post1.dev1", "1.0+abc",
              "1.0+5", "1.0+abc.5", "1.0+ABC", "0!1.0", "1!0.1", "v1.0", "V1.0", "1.0RC1",
              "01.02", "1.0a", "1.0a0", "1.0.post0", "1.0-0", "1.0+1.a", "1.0+a.1", "0", "0.0",
              "1.0.dev456", "1.0b2.post345.dev456", "1.1.dev1", "1.0+ubuntu-1", "1.0+ubuntu_1",
              "1.0-post1", "1.0_post_1", "1.0.post.1", "1.0a.1", "1.0.a1"]


# --- npm -------------------------------------------------------------------------------------
SEMVER_IDS = ["alpha", "beta", "rc", "0", "1", "2", "10", "11", "a1", "1a", "-", "x-y", "01",
              "00", "Alpha", "BETA", "next", "9007199254740991", "9007199254740992",
              "9007199254740993", "abc-1", "a", "b", ""]


def semver_num(r):
    roll = r.random()
    if roll < 0.6:
        return str(r.randint(0, 3))
    if roll < 0.9:
        return str(r.randint(0, 20))
    if roll < 0.95:
        return "0" + str(r.randint(0, 9))
    return r.choice(["9007199254740991", "9007199254740992", "123456789", "999999999999"])


def gen_npm(r):
    if r.random() < 0.03:
        return r.choice(["1.2", "1", "1.2.3.4", "=1.2.3", "V1.2.3", "1.2.3-", "1.2.3+",
                         "1.2.3-a..b", "1.2.3-a_b", "a.b.c", "1.2.x", "^1.2.3", "1.2.3-+a",
                         "1.2.3+a..b", "vv1.2.3", "-1.2.3"])
    v = "v" if r.random() < 0.05 else ""
    v += ".".join(semver_num(r) for _ in range(3))
    if r.random() < 0.5:
        ids = [r.choice(SEMVER_IDS) if r.random() < 0.7 else str(r.randint(0, 30))
               for _ in range(r.randint(1, 4))]
        if all(ids):
            v += "-" + ".".join(ids)
        elif r.random() < 0.3:
            v += "-" + ".".join(ids)
        else:
            v += "-" + ".".join(i or "x" for i in ids)
    if r.random() < 0.2:
        v += "+" + ".".join(r.choice(["build", "1", "001", "sha-abc", "x", "20230101"])
                            for _ in range(r.randint(1, 3)))
    return v


def mutate_npm(r, v):
    ops = [lambda s: s + r.choice([".1", "-0", "+b", "-alpha", ".0", "1"]),
           lambda s: s.split("+")[0],
           lambda s: s.split("-")[0],
           lambda s: s.replace("alpha", "beta", 1),
           lambda s: s.replace("1", "2", 1),
           lambda s: "v" + s if not s.startswith("v") else s[1:]]
    return r.choice(ops)(v)


NPM_EDGES = ["1.0.0", "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta",
             "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0+build", "1.0.0-0",
             "1.0.0--", "1.0.0-a-b", "v1.0.0", "1.0.0-1a", "1.0.0-01", "01.0.0", "0.0.0",
             "9007199254740991.0.0", "9007199254740992.0.0", "1.0.0-9007199254740992",
             "1.0.0-9007199254740993", "1.0.0-9007199254740992.1", "1.0.0-9007199254740993.0",
             "1.0.0-B", "1.0.0-a", "1.0.0-a.b.c", "1.0.0-a.b"]


# --- maven -----------------------------------------------------------------------------------
MAVEN_WORDS = ["alpha", "beta", "milestone", "rc", "cr", "snapshot", "SNAPSHOT", "ga", "final",
               "release", "sp", "a", "b", "m", "abc", "foo", "RC", "Final", "GA", "jre",
               "android", "M", "x", "pom", "incubating", "Beta", "def"]


def gen_maven(r):
    out = []
    for i in range(r.randint(1, 7)):
        if i > 0:
            out.append(r.choice([".", ".", ".", "-", "-", "", "..", "--", ".-", "-."]))
        if r.random() < 0.6:
            out.append(num(r))
        else:
            out.append(r.choice(MAVEN_WORDS))
    if r.random() < 0.05:
        out.append(r.choice([".", "-"]))
    if r.random() < 0.03:
        out.insert(0, r.choice([".", "-"]))
    return "".join(out)


def mutate_maven(r, v):
    ops = [lambda s: s + r.choice([".0", "-0", "-ga", "-final", "-SNAPSHOT", "-sp", "-1", ".a",
                                   "0", "-", "."]),
           lambda s: s.replace("-", ".", 1),
           lambda s: s.replace(".", "-", 1),
           lambda s: s.upper(),
           lambda s: s.replace("alpha", "a", 1),
           lambda s: s[:-1] if len(s) > 1 else s,
           lambda s: s.replace("1", "01", 1)]
    return r.choice(ops)(v) or v


MAVEN_EDGES = ["1", "1.0", "1.0.0", "1-ga", "1-final", "1-release", "1.0-SNAPSHOT", "1-sp",
               "1-sp1", "1-abc", "1-rc1", "1-cr1", "1rc1", "1a1", "1-alpha-1", "1b1", "1m1",
               "1-milestone-1", "1-1", "1.1", "1-1-snapshot", "1..2", "1.0.2", "1-", "1.",
               "1.0-", "00001", "1-0.ga", "1.0.0-0", "2.0-1", "2.0.1", "1x", "1-x", "1.x",
               "123456789012345678901234567890", "1234567890", "12345678901234567890",
               "1.10000000000", "1.9999999999", "1-1.foo-bar1baz-.1", "1-1.foo-bar-1-baz-0.1",
               "1.0.0.RELEASE", "5.3.27", "2.13.4.2", "1.0-alpha", "1.0-alpha-0", "0", "0.0",
               "-1", ".1", "1-0-0", "1-0.1"]

ECOSYSTEMS = {
    "deb": (gen_deb, mutate_deb, DEB_EDGES),
    "rpm": (gen_rpm, mutate_rpm, RPM_EDGES),
    "pypi": (gen_pypi, mutate_pypi, PYPI_EDGES),
    "npm": (gen_npm, mutate_npm, NPM_EDGES),
    "maven": (gen_maven, mutate_maven, MAVEN_EDGES),
}


def main():
    if len(sys.argv) not in (3, 4) or sys.argv[1] not in ECOSYSTEMS:
        sys.stderr.write("usage: gen_corpus.py %s COUNT [SEED]\n" % "|".join(ECOSYSTEMS))
        return 2
    eco, count = sys.argv[1], int(sys.argv[2])
    seed = int(sys.argv[3]) if len(sys.argv) == 4 else 20261126
    r = random.Random("%s-%d" % (eco, seed))
    gen, mutate, edges = ECOSYSTEMS[eco]
    lines = []
    for a in edges:
        for b in edges:
            lines.append((a, b))
    for _ in range(count):
        a = gen(r)
        b = mutate(r, a) if r.random() < 0.5 else gen(r)
        lines.append((a, b))
    sys.stdout.write("".join("%s %s\n" % (a, b) for a, b in lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
