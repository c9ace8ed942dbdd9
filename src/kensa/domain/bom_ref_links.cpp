#include "kensa/domain/bom_ref_links.h"

namespace kensa::domain {

void BomRefLinks::AddComponent(const std::string& ref, size_t row) {
    if (!ref.empty()) {
        rows_.emplace(ref, row);
    }
}

bool BomRefLinks::AddAffects(const std::string& vulnerability,
                             const std::vector<std::string>& refs,
                             const LinkFn& link) {
    const std::string* id = nullptr;
    for (const auto& ref : refs) {
        if (ref.empty()) {
            continue;
        }
        if (auto it = rows_.find(ref); it != rows_.end()) {
            link(it->second, vulnerability);
            continue;
        }
        if (pending_.size() >= max_pending_) {
            return false;
        }
        if (id == nullptr) {
            id = &*pending_ids_.insert(vulnerability).first;
        }
        pending_.emplace_back(ref, id);
    }
    return true;
}

size_t BomRefLinks::Finish(const LinkFn& link) {
    size_t dangling = 0;
    for (const auto& [ref, vulnerability] : pending_) {
        if (auto it = rows_.find(ref); it != rows_.end()) {
            link(it->second, *vulnerability);
        } else {
            ++dangling;
        }
    }
    pending_.clear();
    return dangling;
}

}  // namespace kensa::domain
