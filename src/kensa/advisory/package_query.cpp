#include "kensa/advisory/package_query.h"

#include <algorithm>

#include "kensa/advisory/ecosystem.h"
#include "kensa/common/strings.h"
#include "kensa/knowledge/purl.h"

namespace kensa::advisory {
namespace {

std::string FullVersion(const domain::Software& sw, const std::string& ecosystem) {
    if (ecosystem != "deb" && ecosystem != "rpm") {
        return sw.key.version;
    }
    std::string v = sw.key.version;
    if (!sw.key.release.empty()) {
        v += "-" + sw.key.release;
    }
    if (sw.key.epoch != 0) {
        v = std::to_string(sw.key.epoch) + ":" + v;
    }
    return v;
}

// "openssl-3.0.8-1.amzn2023.0.4.src.rpm" or "libss2-1.44.5-1+deb10u3.src.dpkg" -> source name.
std::string SourceName(std::string upstream, const std::string& full_version) {
    auto src = upstream.find(".src.");
    if (src != std::string::npos) {
        upstream.erase(src);
    }
    if (!full_version.empty() && EndsWith(upstream, "-" + full_version)) {
        upstream.erase(upstream.size() - full_version.size() - 1);
    } else if (src != std::string::npos) {
        // name-version-release: drop the last two dash-separated fields.
        for (int i = 0; i < 2; ++i) {
            auto dash = upstream.rfind('-');
            if (dash == std::string::npos || dash == 0) {
                break;
            }
            upstream.erase(dash);
        }
    }
    return upstream;
}

}  // namespace

PackageQuery QueryFor(const domain::Software& sw, const domain::Server& server) {
    PackageQuery q;
    q.ecosystem = sw.ecosystem;
    knowledge::Purl purl;
    if (!sw.purl.empty()) {
        auto parsed = knowledge::ParsePurl(sw.purl);
        if (parsed.ok()) {
            purl = std::move(parsed).value();
        }
    }
    if (q.ecosystem.empty()) {
        q.ecosystem = purl.type == "dpkg" ? "deb" : purl.type;
    }
    q.name = sw.key.name;
    if (q.ecosystem == "maven") {
        std::replace(q.name.begin(), q.name.end(), ':', '/');
    }
    q.version = FullVersion(sw, q.ecosystem);
    if (q.ecosystem == "deb" || q.ecosystem == "rpm" || q.ecosystem == "apk") {
        // Inspector's own SBOM purls carry no distro qualifier: the server's is next, and the
        // registered platform only where nothing better is known.
        std::string distro = purl.Qualifier("distro");
        if (distro.empty()) {
            distro = !server.distro.empty() ? server.distro : server.platform;
        }
        q.distro = NormalizeDistro(distro);
        std::string upstream = purl.Qualifier("upstream");
        if (!upstream.empty()) {
            std::string src = SourceName(upstream, FullVersion(sw, q.ecosystem));
            if (!src.empty() && src != q.name) {
                q.source_names.push_back(src);
            }
        }
        std::string srcpkg = purl.Qualifier("srcpkg");
        if (!srcpkg.empty() && srcpkg != q.name) {
            q.source_names.push_back(srcpkg);
        }
    }
    return q;
}

}  // namespace kensa::advisory
