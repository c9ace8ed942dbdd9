#include "kensa/dto/server_dto.h"

namespace kensa::dto {

namespace {

template <class T>
Json OrNull(const std::optional<T>& value) {
    return value ? Json(*value) : Json(nullptr);
}

constexpr std::string_view kManualScanManaged =
    "managed by the Inspector SBOM export; use the group's SBOM bulk scan";
constexpr std::string_view kManualScanSbom =
    "an SBOM-file server: import its SBOM files (kensa import sbom, or the upload)";
constexpr std::string_view kManualScanVuls =
    "a Vuls server: import its results (kensa import vuls, or vuls report -to-http)";

}  // namespace

Json ToJson(const app::ServerView& view) {
    Json j = ToJson(view.server);
    if (view.server.kind == domain::ServerKind::kPseudo) {
        j["lambda_functions"] = Json::array();
        for (const auto& fn : view.lambda_functions) {
            j["lambda_functions"].push_back(ToJson(fn));
        }
    }
    j["manual_scan"] = view.manual_scan_available ? std::string_view("available")
                       : view.server.kind == domain::ServerKind::kVuls ? kManualScanVuls
                       : view.server.kind == domain::ServerKind::kSbom ? kManualScanSbom
                                                                       : kManualScanManaged;
    if (view.vuls) {
        j["vuls"] = ToJson(*view.vuls);
    }
    j["also_seen_by"] = Json::array();
    for (const auto& link : view.also_seen_by) {
        j["also_seen_by"].push_back(ToJson(link));
    }
    return j;
}

Json ToJson(const domain::VulsHost& h) {
    return {{"identified_by", domain::ToString(h.identified_by)},
            {"server_uuid", h.server_uuid},
            {"container_uuid", h.container_uuid},
            {"container_name", h.container_name},
            {"container_image", h.container_image},
            {"family", h.family},
            {"release", h.release},
            {"kernel_release", h.kernel_release},
            {"kernel_version", h.kernel_version},
            {"reboot_required", h.reboot_required},
            {"ipv4_addrs", h.ipv4_addrs},
            {"ipv6_addrs", h.ipv6_addrs},
            {"platform", h.platform_name},
            {"instance_id", h.instance_id},
            {"scanned_at", h.scanned_at},
            {"imported_at", h.imported_at}};
}

Json ToJson(const domain::HostLink& link) {
    return {{"server_id", link.server_id},
            {"kind", domain::ToString(link.kind)},
            {"name", link.name},
            {"reason", link.reason}};
}

Json ToJson(const domain::Server& server) {
    Json j = {{"id", server.id},
              {"group_id", server.group_id},
              {"kind", domain::ToString(server.kind)},
              {"name", server.name},
              {"scan_mode", domain::ToString(server.scan_mode)},
              {"account_id", server.account_id},
              {"region", server.region},
              {"created_at", server.created_at}};
    if (server.kind != domain::ServerKind::kPseudo) {
        j["distro"] = server.distro;  // what the scans say it runs; "" until one says
    }
    switch (server.kind) {
        case domain::ServerKind::kEc2:
            j["instance_id"] = server.instance_id;
            j["platform"] = server.platform;
            break;
        case domain::ServerKind::kEcrImage:
            j["registry"] = server.registry;
            j["repository"] = server.repository;
            j["image_tag"] = server.image_tag;
            break;
        case domain::ServerKind::kVuls:
            j["vuls_uuid"] = server.vuls_uuid;
            break;
        case domain::ServerKind::kPseudo:
        case domain::ServerKind::kSbom:
            break;
    }
    return j;
}

Json ToJson(const domain::LambdaFunction& function) {
    return {{"id", function.id},
            {"arn", function.arn},
            {"name", function.name},
            {"runtime", function.runtime},
            {"package_type", function.package_type},
            {"runtime_supported", function.runtime_supported}};
}

Json ToJson(const ports::NetworkFinding& finding) {
    return {{"finding_arn", finding.finding_arn},
            {"title", finding.title},
            {"severity", finding.severity},
            {"protocol", finding.protocol},
            {"port_begin", finding.port_begin},
            {"port_end", finding.port_end}};
}

Json ToJson(const domain::Software& software) {
    return {{"id", software.id},
            {"name", software.key.name},
            {"version", software.key.version},
            {"release", software.key.release},
            {"epoch", software.key.epoch},
            {"arch", software.key.arch},
            {"path", software.key.path},
            {"lambda_function_id", OrNull(software.key.lambda_function_id)},
            {"type", domain::ToString(software.type)},
            {"ecosystem", software.ecosystem},
            {"package_manager", software.package_manager},
            {"purl", software.purl},
            {"license", software.license},
            {"license_expression", software.license_expression},
            {"license_category", software.license_category},
            {"eol_product", software.eol_product},
            {"eol_cycle", software.eol_cycle},
            {"source", domain::ToString(software.source)},
            {"managed_by", domain::ToString(software.managed_by)},
            {"first_seen", software.first_seen},
            {"removed_at", OrNull(software.removed_at)}};
}

Json ToJson(const app::Ec2Candidate& candidate) {
    return {{"instance_id", candidate.instance_id},
            {"name", candidate.name},
            {"platform", candidate.platform},
            {"account_id", candidate.account_id},
            {"scan_status", candidate.scan_status},
            {"scan_reason", candidate.scan_reason},
            {"scan_mode", candidate.scan_mode},
            {"registered", candidate.registered}};
}

Json ToJson(const app::LambdaCandidate& candidate) {
    return {{"arn", candidate.arn},
            {"name", candidate.name},
            {"runtime", candidate.runtime},
            {"package_type", candidate.package_type},
            {"registrable", candidate.registrable},
            {"runtime_supported", candidate.runtime_supported},
            {"note", candidate.note}};
}

Json ToJson(const app::LambdaAddResult& result) {
    return {{"arn", result.arn},
            {"added", result.added},
            {"runtime_supported", result.runtime_supported},
            {"message", result.message}};
}

Json ToJson(const ports::CoveredResource& coverage) {
    return {{"resource_id", coverage.resource_id},
            {"resource_type", domain::DisplayName(coverage.resource_type)},
            {"scan_type", coverage.scan_type},
            {"status", coverage.scan_status_code},
            {"reason", coverage.scan_status_reason},
            {"scan_mode", coverage.scan_mode},
            {"last_scanned_at",
             coverage.last_scanned_at > 0 ? Json(static_cast<int64_t>(coverage.last_scanned_at))
                                          : Json(nullptr)}};
}

}  // namespace kensa::dto
