#include "kensa/knowledge/version.h"

#include <array>
#include <string>

namespace kensa::knowledge {
namespace {

// Real versions are short; the cap keeps hostile input (SBOMs are untrusted) from driving the
// recursive parts (std::regex for PEP 440, Maven's nested item lists) into deep recursion.
constexpr size_t kMaxVersionLength = 1024;

using Comparator = Result<int> (*)(std::string_view, std::string_view);

struct EcosystemEntry {
    std::string_view name;
    Comparator compare;
};

// Sorted by name.
constexpr std::array<EcosystemEntry, 10> kEcosystems = {{
    {"apk", &internal::CompareApk},
    {"cargo", &internal::CompareCargo},
    {"deb", &internal::CompareDeb},
    {"gem", &internal::CompareGem},
    {"golang", &internal::CompareGolang},
    {"maven", &internal::CompareMaven},
    {"npm", &internal::CompareSemver},
    {"nuget", &internal::CompareNuGet},
    {"pypi", &internal::ComparePep440},
    {"rpm", &internal::CompareRpm},
}};

}  // namespace

namespace internal {

int CompareDigitStrings(std::string_view a, std::string_view b) {
    while (!a.empty() && a.front() == '0') {
        a.remove_prefix(1);
    }
    while (!b.empty() && b.front() == '0') {
        b.remove_prefix(1);
    }
    if (a.size() != b.size()) {
        return a.size() < b.size() ? -1 : 1;
    }
    return Sign(a.compare(b));
}

std::vector<std::string_view> SplitDots(std::string_view s) {
    std::vector<std::string_view> parts;
    size_t start = 0;
    while (true) {
        size_t dot = s.find('.', start);
        parts.push_back(s.substr(start, dot == std::string_view::npos ? dot : dot - start));
        if (dot == std::string_view::npos) {
            return parts;
        }
        start = dot + 1;
    }
}

}  // namespace internal

Result<int> CompareVersions(std::string_view ecosystem, std::string_view a, std::string_view b) {
    for (const auto& entry : kEcosystems) {
        if (entry.name == ecosystem) {
            if (a.size() > kMaxVersionLength || b.size() > kMaxVersionLength) {
                return Error(
                    ErrorCode::kInvalidInput,
                    "version longer than " + std::to_string(kMaxVersionLength) + " characters");
            }
            return entry.compare(a, b);
        }
    }
    return Error(ErrorCode::kInvalidInput,
                 "unknown version ecosystem '" + std::string(ecosystem) + "'")
        .With("ecosystem", std::string(ecosystem));
}

std::vector<std::string_view> SupportedEcosystems() {
    std::vector<std::string_view> names;
    names.reserve(kEcosystems.size());
    for (const auto& entry : kEcosystems) {
        names.push_back(entry.name);
    }
    return names;
}

}  // namespace kensa::knowledge
