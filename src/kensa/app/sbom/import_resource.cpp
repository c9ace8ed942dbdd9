#include "kensa/app/sbom/import_resource.h"

#include <set>
#include <unordered_map>
#include <unordered_set>

#include "kensa/advisory/ecosystem.h"
#include "kensa/app/sbom/sbom_errors.h"
#include "kensa/app/scan_runs/scan_errors.h"
#include "kensa/domain/bom_ref_links.h"

namespace kensa::app {

const char* const kSbomTakeoverComment =
    "Moved under SBOM management: this server is now scanned through the group's Inspector SBOM "
    "export (scan mode inspector_sbom) and has left the normal Inspector scan. The software and "
    "detections that the normal scan found are now managed by the SBOM import. The task itself is "
    "unchanged.";

namespace {
constexpr const char* kSbomRef = "inspector-sbom";
}  // namespace

// What the documents of one import add to its observation.
struct SbomResourceImport::Document {
    domain::ScanObservation* obs = nullptr;
    std::set<std::string>* vuln_ids = nullptr;
    std::unordered_set<uint64_t>* detected = nullptr;  // (software row, vulnerability) pairs added
    std::unordered_map<std::string, uint32_t>* vuln_index = nullptr;
    int64_t components = 0;

    void Detect(size_t row, const std::string& vuln) {
        auto [it, added] = vuln_index->emplace(vuln, static_cast<uint32_t>(vuln_index->size()));
        if (!detected->insert(uint64_t{it->second} << 32 | row).second) {
            return;  // listed twice for the same component
        }
        domain::ObservedDetection det;
        det.vulnerability_id = vuln;
        det.software = obs->software[row].key;
        det.source_ref = kSbomRef;
        obs->detections.push_back(std::move(det));
        vuln_ids->insert(vuln);
    }
};

std::optional<std::string> SbomResourceImport::Read(const std::string& bucket,
                                                    const SbomObject& object,
                                                    Document& doc,
                                                    std::optional<domain::ScanError>* fatal,
                                                    const domain::SbomExportSettings& settings) {
    const int64_t cap = limits_.max_components_per_resource;
    domain::BomRefLinks links(static_cast<size_t>(cap));
    auto link = [&](size_t row, const std::string& vuln) { doc.Detect(row, vuln); };
    std::optional<std::string> too_many;
    ports::SbomVisitor visitor;
    visitor.component = [&](ports::SbomComponent&& c) {
        // A resource's software is held until its one transaction, so it has a component cap.
        if (static_cast<int64_t>(doc.obs->software.size()) >= cap) {
            if (!too_many) {
                too_many = "more than " + std::to_string(cap) + " components for one resource";
            }
            return;
        }
        ConvertedComponent cv = ToSoftware(c, object.lambda_function_id, classes_);
        size_t row = doc.obs->software.size();
        doc.obs->software.push_back(std::move(cv.software));
        for (const auto& v : cv.vulnerabilities) {  // SPDX: listed on the package itself
            doc.Detect(row, v);
        }
        links.AddComponent(c.ref, row);
        ++doc.components;
    };
    visitor.vulnerability = [&](const std::string& vuln, const std::vector<std::string>& refs) {
        if (too_many || !PlausibleVulnId(vuln)) {
            return;
        }
        if (!links.AddAffects(vuln, refs, link)) {
            too_many = "more than " + std::to_string(cap) +
                       " vulnerability references ahead of their components";
        }
    };
    auto reader = format_.OpenDocument(std::move(visitor));
    int64_t bytes = 0;
    bool too_big = false;
    Status fed = Ok();
    // The object streams from S3 into the reader: only the element being read is buffered.
    Status got = s3_.GetObject(bucket, object.key, [&](std::string_view chunk) {
        bytes += static_cast<int64_t>(chunk.size());
        if (bytes > limits_.max_object_bytes) {
            too_big = true;
            return false;
        }
        fed = reader->Feed(chunk);
        return fed.ok();  // a broken document stops the download
    });
    if (too_big) {
        return "document larger than " + std::to_string(limits_.max_object_bytes >> 20) + " MiB";
    }
    if (!fed.ok()) {
        return "unreadable SBOM document: " + fed.error().message();
    }
    if (too_many) {
        return "document not imported: " + *too_many;
    }
    if (!got.ok()) {
        if (got.error().code() == ErrorCode::kPermissionDenied ||
            got.error().code() == ErrorCode::kUnauthenticated) {
            *fatal = SbomAwsError(got.error(), "s3:GetObject", settings);
            return "s3:GetObject refused";
        }
        return "GetObject failed: " + got.error().message();
    }
    ports::SbomDocumentInfo info;
    auto read = reader->Finish(&info);
    if (!read.ok()) {
        return "unreadable SBOM document: " + read.error().message();
    }
    auto res = format_.ParseObjectKey(object.key);
    if (res && !info.subject_id.empty() && info.subject_id != res->id) {
        return "document describes " + info.subject_id + ", not " + res->id + " as its key says";
    }
    links.Finish(link);  // CycloneDX vulnerabilities that named their components before them
    // Inspector's OS purls carry no distro qualifier: the document's OS is the distro.
    if (doc.obs->distro.empty()) {
        doc.obs->distro = advisory::DistroFromPlatform(info.platform);
    }
    return std::nullopt;
}

std::optional<domain::ScanError> SbomResourceImport::Import(
    const domain::Server& server,
    const domain::SbomExportSettings& settings,
    const std::vector<SbomObject>& objects,
    std::optional<domain::Id> lambda_scope,
    domain::EpochSeconds observed_at,
    SbomImportResult* result) {
    domain::ScanObservation obs;
    obs.source = domain::DetectionSource::kSbom;
    obs.software_source = domain::SoftwareSource::kSbom;
    obs.scan_label = "Inspector SBOM export";
    obs.takeover_comment = kSbomTakeoverComment;
    obs.lambda_scope = lambda_scope;
    std::set<std::string> vuln_ids;
    std::unordered_set<uint64_t> detected;
    std::unordered_map<std::string, uint32_t> vuln_index;
    int64_t components = 0;
    std::vector<std::string> keys;
    for (size_t index = 0; index < objects.size(); ++index) {
        Document doc{&obs, &vuln_ids, &detected, &vuln_index, 0};
        std::optional<domain::ScanError> fatal;
        std::optional<std::string> reason =
            Read(settings.bucket, objects[index], doc, &fatal, settings);
        if (fatal) {
            return fatal;
        }
        if (reason) {
            // A partial observation would remove the other documents' software: the whole
            // resource keeps what the previous import stored.
            for (size_t i = 0; i < objects.size(); ++i) {
                result->skipped.push_back(
                    {objects[i].key,
                     i == index ? *reason
                                : "not imported: another document of server '" + server.name +
                                      "' failed (" + *reason + "); its previous SBOM is kept"});
            }
            return std::nullopt;
        }
        components += doc.components;
        keys.push_back(objects[index].key);
    }
    for (const auto& id : vuln_ids) {
        domain::Vulnerability v;
        v.id = id;
        obs.vulnerabilities.push_back(std::move(v));
    }
    if (knowledge_ != nullptr) {
        DescribeObservation(*knowledge_, &obs);
    }
    auto applied = store_.ApplyScan(server.id, obs, {}, observed_at);
    if (!applied.ok()) {
        return StorageError(applied.error(),
                            "The database refused the SBOM of server '" + server.name +
                                "'; nothing was changed for it.");
    }
    result->imported = true;
    result->applied = *applied;
    result->components = components;
    result->keys = std::move(keys);
    return std::nullopt;
}

}  // namespace kensa::app
