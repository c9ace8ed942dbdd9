#!/usr/bin/env python3
"""Deterministic corpus of (version, npm range) pairs for the satisfies differential test.

Usage: gen_range_corpus.py COUNT [SEED] > pairs.tsv
Writes hand-picked edge cases, then COUNT random pairs, one "VERSION<TAB>RANGE" per line.
Ranges mix every construct node-semver rewrites: comparators with and without spaces,
hyphen ranges, x-ranges and partial versions, tildes, carets, stars, "||" alternatives,
prereleases, build metadata, 'v' and '=' prefixes, odd whitespace and deliberately invalid
pieces. Versions are mostly built from the numbers in the range (and their neighbours) so
that both answers are common, including prereleases on the same [major, minor, patch].
"""
import random
import sys

OPERATORS = ["", "", "", "=", "<", ">", "<=", ">=", ">=", "<", "~", "~", "~>", "^", "^"]
WILDCARDS = ["x", "X", "*"]
PRE_IDS = ["alpha", "beta", "rc", "0", "1", "2", "10", "pre", "beta.1", "rc.2", "0.3",
           "alpha.beta", "a-b", "1a"]
BAD_PIECES = [">>1.2.3", "1.2.3 -", "- 1.2.3", "01.2.3", "1.02.3", "1.2.3-01", "1.2.3.4",
              "<=>1", "~^1", "^~1", "1.2.3 - 2 - 3", "a.b.c", "1.x.2", "x.1", "1.2.3-",
              "1.2.3+", "=<1", "!1.2.3", "1,2", "v", "~", "^", ">", "<=", "||", "1.2.3||||2",
              "9007199254740991.0.0", "^9007199254740991", "~1.9007199254740991",
              "9007199254740992", "1.2.3-a..b", ">= 1 .2", "1 . 2", "1.*.2", "*.1"]


def number(r):
    roll = r.random()
    if roll < 0.45:
        return str(r.randint(0, 2))
    if roll < 0.85:
        return str(r.randint(0, 12))
    if roll < 0.95:
        return str(r.randint(13, 999))
    return r.choice(["9007199254740991", "9007199254740990", "00", "01", "123456789"])


def prerelease(r):
    return "-" + ".".join(r.choice(PRE_IDS) for _ in range(r.randint(1, 2)))


def partial(r, numbers):
    """A partial or full version, possibly with wildcards, as it appears in a range."""
    parts = r.choice([1, 2, 3, 3, 3, 3])
    out = []
    for _ in range(parts):
        # A wildcard is mostly followed by wildcards: "*.1" is an invalid x-range order.
        after_wildcard = bool(out) and out[-1] in WILDCARDS
        if r.random() < (0.95 if after_wildcard else 0.1):
            out.append(r.choice(WILDCARDS))
        else:
            n = number(r)
            numbers.append(n)
            out.append(n)
    text = ".".join(out)
    if parts == 3 and r.random() < 0.25:
        text += prerelease(r)
    if r.random() < 0.05:
        text += "+" + r.choice(["build", "1", "sha.5", "001"])
    if r.random() < 0.04:
        text = r.choice(["v", "=", "v=", "=v", " v"]) + text
    return text


def space(r):
    return r.choice(["", "", "", " ", " ", "  ", "\t", " \t "])


def comparator(r, numbers):
    op = r.choice(OPERATORS)
    return op + (space(r) if op else "") + partial(r, numbers)


def comparator_set(r, numbers):
    roll = r.random()
    if roll < 0.12:
        return partial(r, numbers) + r.choice([" - ", "  -  ", " -\t"]) + partial(r, numbers)
    if roll < 0.16:
        return r.choice(["*", "", "x", "X", ">=0.0.0", "<0.0.0-0", ">=0.0.0-0", "* *"])
    if roll < 0.19:
        return r.choice(BAD_PIECES)
    items = [comparator(r, numbers) for _ in range(r.choice([1, 1, 2, 2, 2, 3]))]
    return r.choice([" ", " ", "  ", "\t"]).join(items)


def gen_range(r, numbers):
    sets = [comparator_set(r, numbers) for _ in range(r.choice([1, 1, 1, 2, 2, 3]))]
    joined = sets[0]
    for s in sets[1:]:
        joined += r.choice(["||", " || ", "  ||  ", " ||", "|| "]) + s
    if r.random() < 0.05:
        joined = r.choice([" ", "\t", "  "]) + joined + r.choice([" ", "", "\t"])
    return joined


def gen_version(r, numbers):
    def pick():
        if numbers and r.random() < 0.7:
            n = r.choice(numbers)
            if n.isdigit() and r.random() < 0.3:
                n = str(max(0, int(n) + r.choice([-1, 1])))
            return n
        return str(r.randint(0, 12))

    version = ".".join(pick() for _ in range(3))
    if r.random() < 0.35:
        version += prerelease(r)
    if r.random() < 0.05:
        version += "+build.1"
    if r.random() < 0.03:
        version = r.choice(["v", " ", "="]) + version
    if r.random() < 0.02:
        version = r.choice(["1.2", "01.2.3", "1.2.3-", "", "x", "1.2.3.4"])
    return version


EDGES = [
    ("1.2.3", "1.2.3"), ("1.2.3", "=1.2.3"), ("1.2.3", "v1.2.3"), ("1.2.3", ">=1.2.3"),
    ("1.2.3", ">1.2.3"), ("1.2.3", "<1.2.3"), ("1.2.3", "<=1.2.3"), ("1.2.3", "1.2.3 - 2.0.0"),
    ("2.0.0", "1.2.3 - 2"), ("2.5.0", "1.2.3 - 2"), ("3.0.0", "1.2.3 - 2"),
    ("2.9.9", "1.2 - 2.9"), ("1.2.3", "~1.2"), ("1.3.0", "~1.2"), ("1.2.3", "~1"),
    ("1.2.3", "^1.2"), ("2.0.0", "^1.2"), ("0.2.5", "^0.2.3"), ("0.3.0", "^0.2.3"),
    ("0.0.3", "^0.0.3"), ("0.0.4", "^0.0.3"), ("1.2.3-beta", "^1.2.3-alpha"),
    ("1.2.4-beta", "^1.2.3-alpha"), ("1.2.3-beta", "*"), ("1.2.3-beta", "* || 1.2.3-beta"),
    ("1.2.3-beta", "1.2.3-beta || *"), ("1.2.3-beta", ">=1.2.3-alpha <1.2.4"),
    ("1.2.3", ""), ("1.2.3", "*"), ("1.2.3", "x"), ("1.2.3", "1.x"), ("1.2.3", "1.2.x"),
    ("1.2.3", "> 1.2.2"), ("1.2.3", ">= 1.2.3 < 2"), ("1.2.3", "~ 1.2"), ("1.2.3", "^ 1.2"),
    ("1.2.3", "~> 1.2"), ("1.2.3", ">1"), ("2.0.0", ">1"), ("1.9.9", "<=1.9"),
    ("1.10.0", "<=1.9"), ("1.2.3", "<1.2"), ("1.1.9", "<1.2"), ("0.0.0", "<0.0.0-0"),
    ("0.0.0-0", ">=0.0.0"), ("1.2.3", ">=0.0.0"), ("1.2.3", "<0.0.0-0 || 1.2.3"),
    ("1.2.3", "1.2.3+build"), ("1.2.3+build", "1.2.3"), ("1.2.3", ">=1.2.3+a <1.2.4+b"),
    ("1.2.3", "1.2.3 || 2.0.0 || "), ("1.2.3", "||"), ("1.2.3", "1.2.3 ||| 2"),
    ("1.2.3", "9007199254740991.x"), ("1.2.3", "<9007199254740991.x"),
    ("1.2.3", "^9007199254740991.0.0"), ("1.2.3", "~9007199254740990"),
    ("1.2.3", "1.2.3 - 9007199254740991"), ("1.2.3", "1.2.3 - 9007199254740990"),
    ("1.2.3", "\u00a01.2.3"), ("1.2.3", "1.2.3\u3000||\u20282.0.0"), ("1.2.3", ">=\u00a01.2.3"),
    ("1.2.3-rc.1", "~1.2.3-rc.0"), ("1.2.3-rc.1", "1.2.x"), ("1.2.3", "1.2.x-beta"),
    ("1.2.3", ">1.2.x"), ("1.3.0", ">1.2.x"), ("1.2.3", "<=1.2.x"), ("1.3.0", "<=1.2.x"),
    ("1.2.3", "=1.2.x"), ("1.2.3", ">x"), ("1.2.3", "<x"), ("1.2.3", ">=x"),
]


def main():
    if len(sys.argv) not in (2, 3):
        sys.stderr.write("usage: gen_range_corpus.py COUNT [SEED]\n")
        return 2
    count = int(sys.argv[1])
    seed = int(sys.argv[2]) if len(sys.argv) == 3 else 20261126
    r = random.Random("npm-range-%d" % seed)
    lines = ["%s\t%s" % pair for pair in EDGES]
    for _ in range(count):
        numbers = []
        rng = gen_range(r, numbers)
        lines.append("%s\t%s" % (gen_version(r, numbers), rng))
    sys.stdout.buffer.write(("\n".join(lines) + "\n").encode("utf-8"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
