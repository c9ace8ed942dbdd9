#include "kensa/knowledge/version_constraint.h"

#include <algorithm>

#include "kensa/common/strings.h"
#include "kensa/knowledge/version.h"

namespace kensa::knowledge {

Result<std::vector<VersionConstraint>> ParseVersionConstraints(std::string_view text) {
    std::vector<VersionConstraint> out;
    for (const std::string& raw : Split(text, ',')) {
        std::string part = Trim(raw);
        if (part.empty()) {
            continue;
        }
        using Op = VersionConstraint::Op;
        static const std::pair<const char*, Op> kOps[] = {{"<=", Op::kLe},
                                                          {">=", Op::kGe},
                                                          {"==", Op::kEq},
                                                          {"!=", Op::kNe},
                                                          {"<", Op::kLt},
                                                          {">", Op::kGt},
                                                          {"=", Op::kEq}};
        VersionConstraint c;
        for (const auto& [spelling, op] : kOps) {
            if (StartsWith(part, spelling)) {
                c.op = op;
                part.erase(0, std::string_view(spelling).size());
                break;
            }
        }
        c.version = Trim(part);
        if (c.version.empty() || c.version.size() > 256 ||
            c.version.find_first_of("<>=! ") != std::string::npos) {
            return Error(ErrorCode::kInvalidInput,
                         "version range: '" + Trim(raw).substr(0, 80) +
                             "' is not <op><version> (op: <, <=, >, >=, =, !=)")
                .With("field", "version_range");
        }
        out.push_back(std::move(c));
    }
    if (out.empty() || out.size() > 16) {
        return Error(ErrorCode::kInvalidInput,
                     "version range: give 1 to 16 comparisons, such as >=2.0.0,<2.17.1")
            .With("field", "version_range");
    }
    return out;
}

namespace {

// "5" or "4.17" as the ecosystem's rules may require it ("5.0.0" for semver ecosystems): a user
// writes short bounds, and "<5" means below 5.0.0.
Result<int> CompareToBound(std::string_view ecosystem,
                           std::string_view version,
                           const std::string& bound) {
    auto cmp = CompareVersions(ecosystem, version, bound);
    if (cmp.ok() || bound.empty() || !std::all_of(bound.begin(), bound.end(), [](char c) {
            return (c >= '0' && c <= '9') || c == '.';
        })) {
        return cmp;
    }
    std::string padded = bound;
    for (size_t dots = std::count(bound.begin(), bound.end(), '.'); dots < 2; ++dots) {
        padded += ".0";
    }
    return CompareVersions(ecosystem, version, padded);
}

}  // namespace

Result<bool> SatisfiesAll(std::string_view ecosystem,
                          std::string_view version,
                          const std::vector<VersionConstraint>& constraints) {
    for (const auto& c : constraints) {
        KENSA_ASSIGN_OR_RETURN(int cmp, CompareToBound(ecosystem, version, c.version));
        using Op = VersionConstraint::Op;
        bool ok = c.op == Op::kLt   ? cmp < 0
                  : c.op == Op::kLe ? cmp <= 0
                  : c.op == Op::kGt ? cmp > 0
                  : c.op == Op::kGe ? cmp >= 0
                  : c.op == Op::kEq ? cmp == 0
                                    : cmp != 0;
        if (!ok) {
            return false;
        }
    }
    return true;
}

}  // namespace kensa::knowledge
