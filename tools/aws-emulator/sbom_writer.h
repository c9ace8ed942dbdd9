#pragma once
// Inspector SBOM export documents (CycloneDX 1.4 / SPDX 2.3), shaped like the AWS samples in
// ../shared/reference/inspector-sbom, and the S3 key layout of CreateSbomExport.

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "model.h"

namespace kensa::emulator {

/// Package name -> ids of the open (ACTIVE or SUPPRESSED) vulnerabilities that affect it on
/// this resource.
using PackageVulns = std::map<std::string, std::vector<std::string>>;

/// purl as Inspector's export writes it: OS packages
/// pkg:rpm/openssl@3.0.8-1.amzn2023?arch=X86_64&epoch=1&upstream=openssl-3.0.8-1.amzn2023.src.rpm
/// (no namespace, no distro), language packages pkg:pypi/pip@22.0.4?path=...
std::string Purl(const Resource& resource, const Package& pkg);

std::string CycloneDxDocument(const Resource& resource, const PackageVulns& vulns, int64_t now);
std::string SpdxDocument(const Resource& resource, const PackageVulns& vulns, int64_t now);

/// "<prefix>/<FORMAT>_outputs_<id>/account=<acct>/resource=<TYPE>/<arn, '/'->'_'>_<FORMAT>.json"
std::string SbomObjectKey(const std::string& key_prefix,
                          const std::string& format,
                          const std::string& report_id,
                          const Resource& resource);

}  // namespace kensa::emulator
