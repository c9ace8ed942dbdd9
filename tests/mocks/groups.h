#pragma once
// Groups as the use-case tests need them.

#include <string>

#include "kensa/app/secret_box.h"
#include "kensa/domain/model.h"

namespace kensa::testing {

/// A group with an access-key AWS integration: its key id, and "secret" sealed by `box`.
inline domain::Group GroupWithAccessKey(const app::SecretBox& box,
                                        domain::Id id,
                                        std::string name,
                                        std::string region = "us-east-1") {
    domain::Group group;
    group.id = id;
    group.name = std::move(name);
    group.aws.auth_type = domain::AwsAuthType::kAccessKey;
    group.aws.region = std::move(region);
    group.aws.access_key_id = "AKIAIOSFODNN7EXAMPLE";
    group.aws.secret_enc = *box.Seal("secret");
    return group;
}

}  // namespace kensa::testing
