#pragma once
// Internals of purl.cpp shared with purl_types.cpp; not part of the knowledge API.

#include <string>
#include <string_view>

#include "kensa/common/error.h"
#include "kensa/knowledge/purl.h"

namespace kensa::knowledge::internal {

/// kInvalidInput "invalid purl: <why>" (ParsePurl adds the input, cut short, as detail "purl").
Error PurlError(std::string_view why);

/// ASCII lowercase / uppercase of s.
std::string AsciiLower(std::string_view s);
std::string AsciiUpper(std::string_view s);

/// PEP 503 name normalisation: lowercase, each run of '-', '_' and '.' becomes one '-'.
std::string Pep503Normalize(std::string_view name);

/// Applies the registered type's normalisation (case folding, name rewriting) and validation
/// (required or prohibited components and qualifiers) to decoded, generically valid components.
Status ApplyTypeRules(Purl& purl);

}  // namespace kensa::knowledge::internal
