#include "kensa/advisory/ecosystem.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "kensa/common/strings.h"

namespace kensa::advisory {
namespace {

std::string FamilyAlias(std::string family) {
    static const std::pair<const char*, const char*> kAliases[] = {
        {"alma", "almalinux"},
        {"alma-linux", "almalinux"},
        {"rocky-linux", "rocky"},
        {"rockylinux", "rocky"},
        {"amazon", "amzn"},
        {"amazon-linux", "amzn"},
        {"amazonlinux", "amzn"},
        {"al", "amzn"},
        {"alpine-linux", "alpine"},
        {"red-hat", "rhel"},
        {"redhat", "rhel"},
        {"photon-os", "photon"},
        {"oracle-linux", "ol"},
        {"oraclelinux", "ol"},
        {"oracle", "ol"},
        // Vuls's family names
        {"suse.linux.enterprise.server", "sles"},
        {"opensuse.leap", "opensuse"}};
    for (const auto& [from, to] : kAliases) {
        if (family == from) {
            return to;
        }
    }
    return family;
}

}  // namespace

std::optional<EcosystemRef> MapOsvEcosystem(std::string_view osv) {
    static const std::pair<const char*, const char*> kLanguage[] = {{"Go", "golang"},
                                                                    {"npm", "npm"},
                                                                    {"PyPI", "pypi"},
                                                                    {"RubyGems", "gem"},
                                                                    {"crates.io", "cargo"},
                                                                    {"Packagist", "composer"},
                                                                    {"Maven", "maven"},
                                                                    {"NuGet", "nuget"},
                                                                    {"Hex", "hex"},
                                                                    {"Pub", "pub"},
                                                                    {"SwiftURL", "swift"},
                                                                    {"ConanCenter", "conan"},
                                                                    {"CRAN", "cran"},
                                                                    {"Hackage", "hackage"}};
    for (const auto& [name, type] : kLanguage) {
        if (osv == name) {
            return EcosystemRef{type, ""};
        }
    }
    auto colon = osv.find(':');
    std::string family(osv.substr(0, colon));
    std::string version = colon == std::string_view::npos ? "" : std::string(osv.substr(colon + 1));
    // "Ubuntu:22.04:LTS", "Ubuntu:Pro:18.04:LTS": keep the numeric release.
    if (family == "Ubuntu") {
        std::string release;
        size_t pos = 0;
        while (pos < version.size()) {
            size_t next = std::min(version.find(':', pos), version.size());
            std::string piece = version.substr(pos, next - pos);
            if (!piece.empty() && std::isdigit(static_cast<unsigned char>(piece[0]))) {
                release = piece;
            }
            pos = next + 1;
        }
        return EcosystemRef{"deb", release.empty() ? "ubuntu" : "ubuntu-" + release};
    }
    static const std::pair<const char*, const char*> kOs[] = {{"Debian", "deb"},
                                                              {"Alpine", "apk"},
                                                              {"AlmaLinux", "rpm"},
                                                              {"Rocky Linux", "rpm"},
                                                              {"Mageia", "rpm"},
                                                              {"Photon OS", "rpm"},
                                                              {"Wolfi", "apk"},
                                                              {"Chainguard", "apk"},
                                                              {"openEuler", "rpm"}};
    for (const auto& [name, type] : kOs) {
        if (family == name) {
            std::string distro = FamilyAlias(ToLower(family));
            std::replace(distro.begin(), distro.end(), ' ', '-');
            distro = FamilyAlias(distro);
            if (!version.empty()) {
                distro = NormalizeDistro(distro + "-" + version);
            }
            return EcosystemRef{type, distro};
        }
    }
    return std::nullopt;
}

std::string NormalizeDistro(std::string_view raw) {
    if (raw.empty()) {
        return "";
    }
    std::string s = ToLower(raw);
    std::replace(s.begin(), s.end(), '_', '-');
    std::replace(s.begin(), s.end(), ' ', '-');
    // Inspector platforms: AMAZON_LINUX_2023, UBUNTU_22_04, ALPINE_LINUX_3_19, RHEL_9.
    static const std::pair<const char*, const char*> kPlatformPrefixes[] = {
        {"amazon-linux-", "amzn-"},
        {"alpine-linux-", "alpine-"},
        {"ubuntu-", "ubuntu-"},
        {"debian-", "debian-"},
        {"rhel-", "rhel-"},
        {"centos-", "centos-"},
        {"alma-linux-", "almalinux-"},
        {"almalinux-", "almalinux-"},
        {"rocky-linux-", "rocky-"},
        {"oracle-linux-", "ol-"}};
    bool platform_style =
        raw.find('_') != std::string_view::npos && std::any_of(raw.begin(), raw.end(), [](char c) {
            return std::isupper(static_cast<unsigned char>(c));
        });
    std::string family;
    std::string version;
    if (platform_style) {
        for (const auto& [from, to] : kPlatformPrefixes) {
            if (s.rfind(from, 0) == 0) {
                family = std::string(to).substr(0, std::string(to).size() - 1);
                version = s.substr(std::string(from).size());
                std::replace(version.begin(), version.end(), '-', '.');
                break;
            }
        }
    }
    if (family.empty()) {
        // "<family>-<version>", the version starting at the first "-<digit>" or "-v<digit>".
        size_t split = std::string::npos;
        for (size_t i = 0; i + 1 < s.size(); ++i) {
            if (s[i] == '-' && (std::isdigit(static_cast<unsigned char>(s[i + 1])) ||
                                (s[i + 1] == 'v' && i + 2 < s.size() &&
                                 std::isdigit(static_cast<unsigned char>(s[i + 2]))))) {
                split = i;
                break;
            }
        }
        family = s.substr(0, split);
        version = split == std::string::npos ? "" : s.substr(split + 1);
        if (!version.empty() && version[0] == 'v') {
            version.erase(0, 1);
        }
    }
    family = FamilyAlias(family);
    return version.empty() ? family : family + "-" + version;
}

std::string DistroFromPlatform(std::string_view os) {
    static const std::set<std::string, std::less<>> kDistroFamilies = {"almalinux",
                                                                       "alpine",
                                                                       "amzn",
                                                                       "centos",
                                                                       "debian",
                                                                       "fedora",
                                                                       "ol",
                                                                       "opensuse",
                                                                       "photon",
                                                                       "rhel",
                                                                       "rocky",
                                                                       "sles",
                                                                       "ubuntu",
                                                                       "wolfi"};
    std::string distro = NormalizeDistro(Trim(os));
    auto dash = distro.find('-');
    if (dash == std::string::npos || dash + 1 == distro.size() ||
        kDistroFamilies.count(std::string_view(distro).substr(0, dash)) == 0) {
        return "";
    }
    return distro;
}

bool DistroCovers(std::string_view advisory_distro, std::string_view package_distro) {
    auto split = [](std::string_view d) {
        auto dash = d.find('-');
        return std::pair<std::string_view, std::string_view>(
            d.substr(0, dash),
            dash == std::string_view::npos ? std::string_view() : d.substr(dash + 1));
    };
    auto [afam, aver] = split(advisory_distro);
    auto [pfam, pver] = split(package_distro);
    if (afam != pfam) {
        return false;
    }
    if (aver.empty()) {
        return true;  // "Debian" without a release covers every release
    }
    if (pver.size() < aver.size() || pver.substr(0, aver.size()) != aver) {
        return false;
    }
    return pver.size() == aver.size() || pver[aver.size()] == '.';
}

std::string_view VulsFamilyEcosystem(std::string_view family) {
    // Vuls's constant.* family names (constant/constant.go).
    static constexpr std::pair<std::string_view, std::string_view> kFamilies[] = {
        {"debian", "deb"},
        {"ubuntu", "deb"},
        {"raspbian", "deb"},
        {"alpine", "apk"},
        {"redhat", "rpm"},
        {"centos", "rpm"},
        {"alma", "rpm"},
        {"rocky", "rpm"},
        {"fedora", "rpm"},
        {"oracle", "rpm"},
        {"amazon", "rpm"},
        {"suse.linux.enterprise.server", "rpm"},
        {"suse.linux.enterprise.desktop", "rpm"},
        {"opensuse", "rpm"},
        {"opensuse.leap", "rpm"},
        {"opensuse.leap.micro", "rpm"},
        {"freebsd", "pkg"},
    };
    for (const auto& [name, type] : kFamilies) {
        if (family == name) {
            return type;
        }
    }
    return {};
}

}  // namespace kensa::advisory
