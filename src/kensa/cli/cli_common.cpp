#include "kensa/cli/cli_common.h"

namespace kensa::cli {

Result<std::unique_ptr<server::Runtime>> OpenRuntime(const GlobalOptions& global) {
    KENSA_ASSIGN_OR_RETURN(server::Config config, server::LoadConfig(global.config_file));
    if (!global.db.empty()) {
        config.db = global.db;
    }
    config.log_format = config.log_format == "auto" ? "text" : config.log_format;
    config.log_level =
        config.log_level == "info" ? "warn" : config.log_level;  // CLI output stays readable
    KENSA_TRY(server::ApplyLogging(config));
    return server::Runtime::Open(config);
}

int ReportError(const Error& error) {
    std::cerr << "kensa: " << error.ToString() << "\n";
    switch (error.code()) {
        case ErrorCode::kInvalidInput:
            return 2;
        case ErrorCode::kConflict:
            return 3;
        case ErrorCode::kPermissionDenied:
        case ErrorCode::kUnauthenticated:
            return 4;
        case ErrorCode::kNotFound:
            return 5;
        default:
            return 1;
    }
}

Result<domain::Id> ResolveGroup(ports::Store& store, const std::string& id_or_name) {
    if (!id_or_name.empty() && std::all_of(id_or_name.begin(), id_or_name.end(), ::isdigit) &&
        id_or_name.size() < 18) {
        domain::Id id = std::stoll(id_or_name);
        KENSA_TRY(store.GetGroup(id));
        return id;
    }
    KENSA_ASSIGN_OR_RETURN(auto g, store.FindGroupByName(id_or_name));
    if (!g) {
        return Error(ErrorCode::kNotFound, "no group named '" + id_or_name + "'");
    }
    return g->id;
}

}  // namespace kensa::cli
