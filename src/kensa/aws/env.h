#pragma once
// Environment lookup as an injectable function, so that providers and endpoint resolution can be
// tested hermetically and so that a group's explicit configuration never reads the process env.

#include <functional>
#include <map>
#include <optional>
#include <string>

namespace kensa::aws {

/// Returns the variable's value, or nullopt when unset. Must be thread-safe.
using EnvLookup = std::function<std::optional<std::string>(const std::string& name)>;

/// Reads the real process environment (getenv).
EnvLookup ProcessEnv();
/// An environment holding exactly these variables (tests, explicit configuration).
EnvLookup MapEnv(std::map<std::string, std::string> vars);
/// An environment where nothing is set.
EnvLookup EmptyEnv();

/// The value when set and non-empty, else nullopt.
std::optional<std::string> NonEmpty(const EnvLookup& env, const std::string& name);

}  // namespace kensa::aws
