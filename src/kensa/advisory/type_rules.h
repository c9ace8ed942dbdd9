#pragma once
// Software type conversion (R17): an SBOM component's type and ecosystem come from kensa's
// knowledge of ecosystems, not only from what the scanner said. A Python package that a scan
// reports as an OS package, or a JAR found by OS scanning, becomes a library of the right
// ecosystem. The rules are data (data/knowledge/software-type-rules.json, embedded).

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "kensa/common/error.h"
#include "kensa/domain/model.h"

namespace kensa::advisory {

struct Classified {
    domain::SoftwareType type = domain::SoftwareType::kLibrary;
    std::string ecosystem;  ///< purl type after conversion
    std::string name;       ///< package name after conversion
    std::string rule;       ///< id of the rule that converted it; empty when none did
};

/// `known(ecosystem, name)`: does the advisory database track this package?
using KnownFn = std::function<bool(std::string_view ecosystem, std::string_view name)>;

class TypeRules {
public:
    /// The rules shipped with kensa.
    static const TypeRules& Builtin();
    /// Parses a rules document (tests, and the embedded file).
    static Result<std::unique_ptr<TypeRules>> Parse(std::string_view json);

    /// Classifies one component. `ecosystem` is its purl type (dpkg already mapped to deb),
    /// `path` its file path (may be empty).
    Classified Classify(std::string_view ecosystem,
                        std::string_view name,
                        std::string_view path,
                        const KnownFn& known) const;

    ~TypeRules();
    TypeRules(TypeRules&&) noexcept;

private:
    TypeRules();
    struct Rule;
    std::vector<Rule> rules_;
};

/// The default type of an ecosystem before any rule: OS package ecosystems give os_pkg,
/// language ecosystems library, "generic" application.
domain::SoftwareType DefaultType(std::string_view ecosystem);

}  // namespace kensa::advisory
