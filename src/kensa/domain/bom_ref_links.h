#pragma once
// CycloneDX names the components a vulnerability affects by bom-ref, and a document may list
// its vulnerabilities before or after its components. This resolves the references of one
// document, streamed: the one rule for every reader (the SBOM import and the whole-document read).

#include <cstddef>
#include <functional>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace kensa::domain {

class BomRefLinks {
public:
    /// Called with (component row, vulnerability id) for each resolved reference.
    using LinkFn = std::function<void(size_t row, const std::string& vulnerability)>;

    /// At most `max_pending` references may wait for a component that comes later.
    explicit BomRefLinks(size_t max_pending) : max_pending_(max_pending) {}

    /// The component of row `row` has bom-ref `ref`. The first component with a ref takes it;
    /// components with no ref take nothing.
    void AddComponent(const std::string& ref, size_t row);

    /// A vulnerability affects `refs`: the components already seen are linked now; the others
    /// wait for Finish. Empty refs name nothing. False when more than max_pending references
    /// would wait (the document is then not usable).
    bool AddAffects(const std::string& vulnerability,
                    const std::vector<std::string>& refs,
                    const LinkFn& link);

    /// The document has ended: links the waiting references to their components, and returns
    /// how many references named no component.
    size_t Finish(const LinkFn& link);

private:
    size_t max_pending_;
    std::unordered_map<std::string, size_t> rows_;
    std::vector<std::pair<std::string, const std::string*>> pending_;  ///< (ref, vulnerability)
    std::set<std::string> pending_ids_;  ///< one copy of each waiting vulnerability id
};

}  // namespace kensa::domain
