#pragma once
// kensa's storage form of an advisory: one JSON document per record (ports::AdvisoryRecord's
// `doc`), written at import and read back when the matcher builds its index. Not OSV: the
// fields are the normalised ones of advisory.h.

#include <string>
#include <string_view>

#include "kensa/advisory/advisory.h"
#include "kensa/common/error.h"

namespace kensa::advisory {

/// The advisory as its storage document.
std::string ToDoc(const Advisory& advisory);
/// The advisory back from ToDoc's document; kInvalidInput when it is not one.
Result<Advisory> FromDoc(std::string_view doc);

}  // namespace kensa::advisory
