#include "kensa/aws/env.h"

#include <cstdlib>
#include <utility>

namespace kensa::aws {

EnvLookup ProcessEnv() {
    return [](const std::string& name) -> std::optional<std::string> {
        const char* value = std::getenv(name.c_str());  // NOLINT(concurrency-mt-unsafe): read-only
        if (value == nullptr) {
            return std::nullopt;
        }
        return std::string(value);
    };
}

EnvLookup MapEnv(std::map<std::string, std::string> vars) {
    return [vars = std::move(vars)](const std::string& name) -> std::optional<std::string> {
        auto it = vars.find(name);
        if (it == vars.end()) {
            return std::nullopt;
        }
        return it->second;
    };
}

EnvLookup EmptyEnv() {
    return [](const std::string&) -> std::optional<std::string> { return std::nullopt; };
}

std::optional<std::string> NonEmpty(const EnvLookup& env, const std::string& name) {
    if (!env) {
        return std::nullopt;
    }
    auto value = env(name);
    if (!value || value->empty()) {
        return std::nullopt;
    }
    return value;
}

}  // namespace kensa::aws
