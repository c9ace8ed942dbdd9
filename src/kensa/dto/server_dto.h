#pragma once
// JSON views of servers (the fields of their kind only), the Lambda functions of a pseudo
// server, software rows and the registration pickers' candidates and results.

#include "kensa/app/inventory/inventory.h"
#include "kensa/app/registration/registration.h"
#include "kensa/domain/model.h"
#include "kensa/dto/json.h"
#include "kensa/ports/scan_store.h"

namespace kensa::dto {

/// {id, group_id, kind, name, scan_mode, account_id, region, created_at} plus, by kind,
/// instance_id and platform (ec2), registry, repository and image_tag (ecr_image) or
/// vuls_uuid (vuls).
Json ToJson(const domain::Server& server);
/// The server as its page shows it: ToJson(server) plus manual_scan ("available" or why not),
/// lambda_functions (pseudo), vuls (what its last Vuls result said of the host: identified_by
/// server_uuid, container_uuid or server_name, family, release, kernel, reboot_required,
/// addresses, platform, instance_id) and also_seen_by (the servers that see the same machine).
Json ToJson(const app::ServerView& view);
Json ToJson(const domain::VulsHost& host);
/// {server_id, kind, name, reason}.
Json ToJson(const domain::HostLink& link);
/// {id, arn, name, runtime, package_type, runtime_supported}.
Json ToJson(const domain::LambdaFunction& function);
/// {id, name, version, release, epoch, arch, path, lambda_function_id, type, ecosystem,
/// package_manager, purl, license, source, managed_by, first_seen, removed_at}.
Json ToJson(const domain::Software& software);
/// {finding_arn, title, severity, protocol, port_begin, port_end}.
Json ToJson(const ports::NetworkFinding& finding);
Json ToJson(const app::Ec2Candidate& candidate);
/// {resource_id, resource_type, scan_type, status, reason, scan_mode, last_scanned_at|null}:
/// Inspector's coverage of one resource (ListCoverage).
Json ToJson(const ports::CoveredResource& coverage);
Json ToJson(const app::LambdaCandidate& candidate);
/// {arn, added, runtime_supported, message}.
Json ToJson(const app::LambdaAddResult& result);

}  // namespace kensa::dto
