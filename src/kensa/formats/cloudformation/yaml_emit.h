#pragma once
// JSON tree -> block-style YAML, for documents that people read and tools parse (the
// CloudFormation templates kensa hands out). Not a YAML library: it only writes.

#include <nlohmann/json_fwd.hpp>
#include <string>

namespace kensa::cloudformation {

/// Renders `value` as one block-style YAML document that loads back to the same tree in any
/// YAML 1.1 or 1.2 parser (PyYAML, libyaml, CloudFormation):
/// - every string value is double-quoted with escapes, so "yes", "null", "0123", "#x" or
///   ": " stay strings; a key is written plain only when it is an identifier that no parser
///   reads as anything but a string (`Resources`, `Fn::Sub`, `aws:SourceArn`), else quoted,
///   and as an explicit "? key" entry past YAML's 1024-character limit on implicit keys;
/// - object member order is kept, so the YAML reads in the same order as the JSON;
/// - no tags, anchors or flow collections, except `{}` and `[]` for empty containers;
/// - floats always carry a '.', because YAML 1.1 reads `1e+100` as a string;
/// - bytes that are not valid UTF-8 are written as U+FFFD (nlohmann's dump() would throw).
/// Output ends with a newline. Never throws for a tree nlohmann can hold.
std::string ToYaml(const nlohmann::ordered_json& value);

/// One string as a YAML double-quoted scalar, quotes included (exposed for tests).
std::string YamlQuote(const std::string& text);

}  // namespace kensa::cloudformation
