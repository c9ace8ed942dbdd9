#include "versions.h"

#include <algorithm>
#include <cctype>

namespace kensa::emulator {
namespace {

bool IsAlnum(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0;
}
bool IsDigit(char c) {
    return std::isdigit(static_cast<unsigned char>(c)) != 0;
}

// rpmvercmp over one segment (version or release).
int CompareSegment(std::string_view a, std::string_view b) {
    size_t i = 0;
    size_t j = 0;
    while (i < a.size() || j < b.size()) {
        while (i < a.size() && !IsAlnum(a[i]) && a[i] != '~') {
            ++i;
        }
        while (j < b.size() && !IsAlnum(b[j]) && b[j] != '~') {
            ++j;
        }
        bool a_tilde = i < a.size() && a[i] == '~';
        bool b_tilde = j < b.size() && b[j] == '~';
        if (a_tilde || b_tilde) {
            if (!a_tilde) {
                return 1;
            }
            if (!b_tilde) {
                return -1;
            }
            ++i;
            ++j;
            continue;
        }
        if (i >= a.size() || j >= b.size()) {
            break;
        }
        bool numeric = IsDigit(a[i]);
        size_t si = i;
        size_t sj = j;
        if (numeric) {
            while (i < a.size() && IsDigit(a[i])) {
                ++i;
            }
            while (j < b.size() && IsDigit(b[j])) {
                ++j;
            }
        } else {
            while (i < a.size() && std::isalpha(static_cast<unsigned char>(a[i]))) {
                ++i;
            }
            while (j < b.size() && std::isalpha(static_cast<unsigned char>(b[j]))) {
                ++j;
            }
        }
        std::string_view x = a.substr(si, i - si);
        std::string_view y = b.substr(sj, j - sj);
        if (y.empty()) {
            return numeric ? 1 : -1;  // numeric beats alpha
        }
        if (numeric) {
            while (x.size() > 1 && x[0] == '0') {
                x.remove_prefix(1);
            }
            while (y.size() > 1 && y[0] == '0') {
                y.remove_prefix(1);
            }
            if (x.size() != y.size()) {
                return x.size() < y.size() ? -1 : 1;
            }
        }
        int c = x.compare(y);
        if (c != 0) {
            return c < 0 ? -1 : 1;
        }
    }
    bool a_left = i < a.size();
    bool b_left = j < b.size();
    if (a_left == b_left) {
        return 0;
    }
    return a_left ? 1 : -1;
}

struct Evr {
    long epoch = 0;
    std::string_view version;
    std::string_view release;
};

Evr SplitEvr(std::string_view s) {
    Evr evr;
    auto colon = s.find(':');
    if (colon != std::string_view::npos && colon > 0 &&
        std::all_of(s.begin(), s.begin() + static_cast<long>(colon), IsDigit)) {
        evr.epoch = std::stol(std::string(s.substr(0, colon)));
        s.remove_prefix(colon + 1);
    }
    auto dash = s.rfind('-');
    if (dash != std::string_view::npos) {
        evr.version = s.substr(0, dash);
        evr.release = s.substr(dash + 1);
    } else {
        evr.version = s;
    }
    return evr;
}

}  // namespace

int CompareVersions(std::string_view a, std::string_view b) {
    Evr x = SplitEvr(a);
    Evr y = SplitEvr(b);
    if (x.epoch != y.epoch) {
        return x.epoch < y.epoch ? -1 : 1;
    }
    int c = CompareSegment(x.version, y.version);
    if (c != 0) {
        return c;
    }
    if (x.release.empty() || y.release.empty()) {
        return 0;  // a release-less bound matches every release of that version
    }
    return CompareSegment(x.release, y.release);
}

std::string FullVersion(const Package& pkg) {
    std::string v = pkg.epoch != 0 ? std::to_string(pkg.epoch) + ":" + pkg.version : pkg.version;
    if (!pkg.release.empty()) {
        v += "-" + pkg.release;
    }
    return v;
}

namespace {

// Package manager and resource restrictions of a vulnerability (shared by all its packages).
bool InScope(const Vulnerability& vuln, const Resource& resource, const Package& pkg) {
    if (!vuln.package_manager.empty() && vuln.package_manager != pkg.package_manager) {
        return false;
    }
    if (vuln.resource_ids.empty()) {
        return true;
    }
    return std::any_of(
        vuln.resource_ids.begin(), vuln.resource_ids.end(), [&](const std::string& id) {
            return id == resource.id || id == resource.instance_id ||
                   id == resource.function_name || id == resource.Arn();
        });
}

// Exact versions, else ranges, else "below the fix", else every version.
bool VersionAffected(const std::vector<std::string>& affected_versions,
                     const std::vector<AffectedRange>& ranges,
                     const std::string& fixed_version,
                     const Package& pkg) {
    std::string full = FullVersion(pkg);
    if (!affected_versions.empty()) {
        return std::any_of(
            affected_versions.begin(), affected_versions.end(), [&](const std::string& v) {
                return v == pkg.version || v == full || CompareVersions(v, full) == 0;
            });
    }
    if (!ranges.empty()) {
        return std::any_of(ranges.begin(), ranges.end(), [&](const AffectedRange& r) {
            bool above = r.introduced.empty() || r.introduced == "0" ||
                         CompareVersions(full, r.introduced) >= 0;
            bool below = r.fixed.empty() || CompareVersions(full, r.fixed) < 0;
            return above && below;
        });
    }
    if (!fixed_version.empty()) {
        return CompareVersions(full, fixed_version) < 0;
    }
    return true;
}

}  // namespace

bool Affects(const Vulnerability& vuln, const Resource& resource, const Package& pkg) {
    return vuln.package_name == pkg.name && InScope(vuln, resource, pkg) &&
           VersionAffected(vuln.affected_versions, vuln.ranges, vuln.fixed_version, pkg);
}

bool AffectsAlso(const Vulnerability& vuln,
                 const AlsoPackage& also,
                 const Resource& resource,
                 const Package& pkg) {
    if (also.name != pkg.name || !InScope(vuln, resource, pkg)) {
        return false;
    }
    if (also.unfixed) {
        return true;
    }
    if (!also.ranges.empty() || !also.fixed_version.empty()) {
        return VersionAffected({}, also.ranges, also.fixed_version, pkg);
    }
    return VersionAffected(vuln.affected_versions, vuln.ranges, vuln.fixed_version, pkg);
}

}  // namespace kensa::emulator
