// Stable spellings of the domain enums. Generated once from a table; edit both together.
#include "kensa/domain/model.h"

namespace kensa::domain {

namespace {
template <class E>
struct Spelling {
    E value;
    std::string_view name;
};

}  // namespace

constexpr Spelling<Role> kRoleNames[] = {
    {Role::kOwner, "owner"},
    {Role::kAdmin, "admin"},
    {Role::kMember, "member"},
    {Role::kViewer, "viewer"},
};
std::string_view ToString(Role v) {
    for (const auto& entry : kRoleNames) {
        if (entry.value == v) {
            return entry.name;
        }
    }
    return "unknown";
}
bool Parse(std::string_view s, Role* out) {
    for (const auto& entry : kRoleNames) {
        if (entry.name == s) {
            *out = entry.value;
            return true;
        }
    }
    return false;
}

constexpr Spelling<ServerKind> kServerKindNames[] = {
    {ServerKind::kVuls, "vuls"},
    {ServerKind::kEc2, "ec2"},
    {ServerKind::kPseudo, "pseudo"},
    {ServerKind::kEcrImage, "ecr_image"},
    {ServerKind::kSbom, "sbom"},
};
std::string_view ToString(ServerKind v) {
    for (const auto& entry : kServerKindNames) {
        if (entry.value == v) {
            return entry.name;
        }
    }
    return "unknown";
}
bool Parse(std::string_view s, ServerKind* out) {
    for (const auto& entry : kServerKindNames) {
        if (entry.name == s) {
            *out = entry.value;
            return true;
        }
    }
    return false;
}

constexpr Spelling<ScanMode> kScanModeNames[] = {
    {ScanMode::kNormal, "normal"},
    {ScanMode::kInspectorSbom, "inspector_sbom"},
};
std::string_view ToString(ScanMode v) {
    for (const auto& entry : kScanModeNames) {
        if (entry.value == v) {
            return entry.name;
        }
    }
    return "unknown";
}
bool Parse(std::string_view s, ScanMode* out) {
    for (const auto& entry : kScanModeNames) {
        if (entry.name == s) {
            *out = entry.value;
            return true;
        }
    }
    return false;
}

constexpr Spelling<AwsAuthType> kAwsAuthTypeNames[] = {
    {AwsAuthType::kNone, "none"},
    {AwsAuthType::kAccessKey, "access_key"},
    {AwsAuthType::kAssumeRole, "assume_role"},
};
std::string_view ToString(AwsAuthType v) {
    for (const auto& entry : kAwsAuthTypeNames) {
        if (entry.value == v) {
            return entry.name;
        }
    }
    return "unknown";
}
bool Parse(std::string_view s, AwsAuthType* out) {
    for (const auto& entry : kAwsAuthTypeNames) {
        if (entry.name == s) {
            *out = entry.value;
            return true;
        }
    }
    return false;
}

constexpr Spelling<TaskStatus> kTaskStatusNames[] = {
    {TaskStatus::kNew, "NEW"},
    {TaskStatus::kInvestigating, "INVESTIGATING"},
    {TaskStatus::kOngoing, "ONGOING"},
    {TaskStatus::kDefer, "DEFER"},
    {TaskStatus::kWorkaround, "WORKAROUND"},
    {TaskStatus::kNotAffected, "NOT_AFFECTED"},
    {TaskStatus::kRiskAccepted, "RISK_ACCEPTED"},
    {TaskStatus::kPatchApplied, "PATCH_APPLIED"},
};
std::string_view ToString(TaskStatus v) {
    for (const auto& entry : kTaskStatusNames) {
        if (entry.value == v) {
            return entry.name;
        }
    }
    return "unknown";
}
bool Parse(std::string_view s, TaskStatus* out) {
    for (const auto& entry : kTaskStatusNames) {
        if (entry.name == s) {
            *out = entry.value;
            return true;
        }
    }
    return false;
}

constexpr Spelling<TaskPriority> kTaskPriorityNames[] = {
    {TaskPriority::kHigh, "HIGH"},
    {TaskPriority::kMedium, "MEDIUM"},
    {TaskPriority::kLow, "LOW"},
    {TaskPriority::kNone, "NONE"},
};
std::string_view ToString(TaskPriority v) {
    for (const auto& entry : kTaskPriorityNames) {
        if (entry.value == v) {
            return entry.name;
        }
    }
    return "unknown";
}
bool Parse(std::string_view s, TaskPriority* out) {
    for (const auto& entry : kTaskPriorityNames) {
        if (entry.name == s) {
            *out = entry.value;
            return true;
        }
    }
    return false;
}

constexpr Spelling<SoftwareType> kSoftwareTypeNames[] = {
    {SoftwareType::kOsPkg, "os_pkg"},
    {SoftwareType::kLibrary, "library"},
    {SoftwareType::kRuntime, "runtime"},
    {SoftwareType::kApplication, "application"},
};
std::string_view ToString(SoftwareType v) {
    for (const auto& entry : kSoftwareTypeNames) {
        if (entry.value == v) {
            return entry.name;
        }
    }
    return "unknown";
}
bool Parse(std::string_view s, SoftwareType* out) {
    for (const auto& entry : kSoftwareTypeNames) {
        if (entry.name == s) {
            *out = entry.value;
            return true;
        }
    }
    return false;
}

constexpr Spelling<SoftwareSource> kSoftwareSourceNames[] = {
    {SoftwareSource::kInspector, "inspector"},
    {SoftwareSource::kSbom, "sbom"},
    {SoftwareSource::kVuls, "vuls"},
    {SoftwareSource::kManual, "manual"},
    {SoftwareSource::kSbomFile, "sbom_file"},
};
std::string_view ToString(SoftwareSource v) {
    for (const auto& entry : kSoftwareSourceNames) {
        if (entry.value == v) {
            return entry.name;
        }
    }
    return "unknown";
}
bool Parse(std::string_view s, SoftwareSource* out) {
    for (const auto& entry : kSoftwareSourceNames) {
        if (entry.name == s) {
            *out = entry.value;
            return true;
        }
    }
    return false;
}

constexpr Spelling<ManagedBy> kManagedByNames[] = {
    {ManagedBy::kNormal, "normal"},
    {ManagedBy::kSbom, "sbom"},
};
std::string_view ToString(ManagedBy v) {
    for (const auto& entry : kManagedByNames) {
        if (entry.value == v) {
            return entry.name;
        }
    }
    return "unknown";
}
bool Parse(std::string_view s, ManagedBy* out) {
    for (const auto& entry : kManagedByNames) {
        if (entry.name == s) {
            *out = entry.value;
            return true;
        }
    }
    return false;
}

constexpr Spelling<DetectionSource> kDetectionSourceNames[] = {
    {DetectionSource::kInspector, "inspector"},
    {DetectionSource::kAdvisory, "advisory"},
    {DetectionSource::kSbom, "sbom"},
    {DetectionSource::kVuls, "vuls"},
    {DetectionSource::kSbomFile, "sbom_file"},
};
std::string_view ToString(DetectionSource v) {
    for (const auto& entry : kDetectionSourceNames) {
        if (entry.value == v) {
            return entry.name;
        }
    }
    return "unknown";
}
bool Parse(std::string_view s, DetectionSource* out) {
    for (const auto& entry : kDetectionSourceNames) {
        if (entry.name == s) {
            *out = entry.value;
            return true;
        }
    }
    return false;
}

constexpr Spelling<ScanType> kScanTypeNames[] = {
    {ScanType::kInspector, "inspector"},
    {ScanType::kSbom, "sbom"},
    {ScanType::kVuls, "vuls"},
    {ScanType::kAdvisory, "advisory"},
    {ScanType::kSbomFile, "sbom_file"},
};
std::string_view ToString(ScanType v) {
    for (const auto& entry : kScanTypeNames) {
        if (entry.value == v) {
            return entry.name;
        }
    }
    return "unknown";
}
bool Parse(std::string_view s, ScanType* out) {
    for (const auto& entry : kScanTypeNames) {
        if (entry.name == s) {
            *out = entry.value;
            return true;
        }
    }
    return false;
}

constexpr Spelling<ScanTrigger> kScanTriggerNames[] = {
    {ScanTrigger::kManual, "manual"},
    {ScanTrigger::kScheduled, "scheduled"},
    {ScanTrigger::kApi, "api"},
};
std::string_view ToString(ScanTrigger v) {
    for (const auto& entry : kScanTriggerNames) {
        if (entry.value == v) {
            return entry.name;
        }
    }
    return "unknown";
}
bool Parse(std::string_view s, ScanTrigger* out) {
    for (const auto& entry : kScanTriggerNames) {
        if (entry.name == s) {
            *out = entry.value;
            return true;
        }
    }
    return false;
}

constexpr Spelling<ScanStatus> kScanStatusNames[] = {
    {ScanStatus::kQueued, "queued"},
    {ScanStatus::kRunning, "running"},
    {ScanStatus::kSucceeded, "succeeded"},
    {ScanStatus::kPartial, "partial"},
    {ScanStatus::kFailed, "failed"},
};
std::string_view ToString(ScanStatus v) {
    for (const auto& entry : kScanStatusNames) {
        if (entry.value == v) {
            return entry.name;
        }
    }
    return "unknown";
}
bool Parse(std::string_view s, ScanStatus* out) {
    for (const auto& entry : kScanStatusNames) {
        if (entry.name == s) {
            *out = entry.value;
            return true;
        }
    }
    return false;
}

constexpr Spelling<Severity> kSeverityNames[] = {
    {Severity::kUnknown, ""},
    {Severity::kInformational, "INFORMATIONAL"},
    {Severity::kLow, "LOW"},
    {Severity::kMedium, "MEDIUM"},
    {Severity::kHigh, "HIGH"},
    {Severity::kCritical, "CRITICAL"},
    {Severity::kUntriaged, "UNTRIAGED"},
};
int SeverityRank(Severity s) {
    switch (s) {
        case Severity::kCritical:
            return 6;
        case Severity::kHigh:
            return 5;
        case Severity::kMedium:
            return 4;
        case Severity::kLow:
            return 3;
        case Severity::kUntriaged:
            return 2;
        case Severity::kInformational:
            return 1;
        case Severity::kUnknown:
            break;
    }
    return 0;
}

std::string_view ToString(Severity v) {
    for (const auto& entry : kSeverityNames) {
        if (entry.value == v) {
            return entry.name;
        }
    }
    return "";
}
bool Parse(std::string_view s, Severity* out) {
    for (const auto& entry : kSeverityNames) {
        if (entry.name == s) {
            *out = entry.value;
            return true;
        }
    }
    return false;
}
Severity SeverityFrom(std::string_view s) {
    std::string upper(s);
    for (char& c : upper) {
        if (c >= 'a' && c <= 'z') {
            c = static_cast<char>(c - 'a' + 'A');
        }
    }
    Severity out = Severity::kUnknown;
    Parse(upper, &out);
    return out;
}

}  // namespace kensa::domain

namespace kensa::domain {

std::string DefaultSbomBucket(const std::string& account_id,
                              Id group_id,
                              const std::string& region) {
    return "kensa-inspector-sbom-" + account_id + "-" + std::to_string(group_id) + "-" + region;
}

}  // namespace kensa::domain

namespace kensa::domain {

bool RoleAtLeast(Role have, Role need) {
    auto rank = [](Role r) {
        switch (r) {
            case Role::kOwner:
                return 3;
            case Role::kAdmin:
                return 2;
            case Role::kMember:
                return 1;
            case Role::kViewer:
                return 0;
        }
        return 0;
    };
    return rank(have) >= rank(need);
}

bool IsAwsResource(ServerKind kind) {
    return kind == ServerKind::kEc2 || kind == ServerKind::kPseudo || kind == ServerKind::kEcrImage;
}

}  // namespace kensa::domain
