#include "kensa/app/inventory/software_facts.h"

#include <map>
#include <mutex>
#include <set>

#include "kensa/common/log.h"
#include "kensa/knowledge/spdx_license.h"

namespace kensa::app {
namespace {

constexpr size_t kMaxEvidence = 400;

domain::ObservedEol Observed(const EolKnowledge& k, const knowledge::EolMatch& m) {
    domain::ObservedEol o;
    o.product = m.product->name;
    o.product_label = m.product->label;
    o.cycle = m.cycle->cycle;
    o.cycle_label = m.cycle->label;
    std::string_view end = k.mapping.EndOf(m);
    o.eol_at = domain::ParseCivilDate(end);
    o.eol_undated = end == "true";
    o.latest = m.cycle->latest;
    return o;
}

// The cycles seen, each with what on the server is of it.
class Seen {
public:
    void Add(const EolKnowledge& k, const knowledge::EolMatch& m, const std::string& what) {
        auto key = std::make_pair(m.product->name, m.cycle->cycle);
        auto it = items_.find(key);
        if (it == items_.end()) {
            it = items_.emplace(key, Observed(k, m)).first;
        }
        std::string& ev = it->second.evidence;
        if (ev.size() < kMaxEvidence && evidence_[key].insert(what).second) {
            ev += (ev.empty() ? "" : ", ") + what;
            if (ev.size() >= kMaxEvidence) {
                ev += ", ...";
            }
        }
    }
    std::vector<domain::ObservedEol> Take() {
        std::vector<domain::ObservedEol> out;
        for (auto& [key, o] : items_) {
            out.push_back(std::move(o));
        }
        return out;
    }

private:
    std::map<std::pair<std::string, std::string>, domain::ObservedEol> items_;
    std::map<std::pair<std::string, std::string>, std::set<std::string>> evidence_;
};

}  // namespace

Result<std::shared_ptr<const EolKnowledge>> MakeEolKnowledge(
    std::shared_ptr<const knowledge::EolCatalog> catalog,
    std::string source,
    domain::EpochSeconds imported_at,
    knowledge::EolMapping::Products products) {
    KENSA_ASSIGN_OR_RETURN(knowledge::EolMapping mapping,
                           knowledge::EolMapping::Builtin(*catalog, products));
    auto k = std::make_shared<EolKnowledge>();
    k->catalog = std::move(catalog);
    k->mapping = std::move(mapping);
    k->source = std::move(source);
    k->imported_at = imported_at;
    return std::shared_ptr<const EolKnowledge>(std::move(k));
}

Result<std::shared_ptr<const EolKnowledge>> CurrentEolKnowledge(ports::EolStore& store) {
    static std::mutex mu;
    static std::shared_ptr<const EolKnowledge> imported;
    static size_t imported_key = 0;
    static std::shared_ptr<const EolKnowledge> shipped;
    KENSA_ASSIGN_OR_RETURN(auto record, store.GetEolSnapshot());
    std::lock_guard<std::mutex> lock(mu);
    if (record) {
        // Keyed by the snapshot itself: two imports in one second differ in their text.
        const size_t key = std::hash<std::string>{}(record->snapshot);
        if (!imported || imported_key != key) {
            KENSA_ASSIGN_OR_RETURN(auto catalog,
                                   knowledge::EolCatalog::FromSnapshot(record->snapshot));
            KENSA_ASSIGN_OR_RETURN(
                imported,
                MakeEolKnowledge(std::make_shared<const knowledge::EolCatalog>(std::move(catalog)),
                                 record->source,
                                 record->imported_at,
                                 knowledge::EolMapping::Products::kSkipUnknown));
            imported_key = key;
        }
        return imported;
    }
    if (!shipped) {
        // The shipped catalogue lives as long as the process.
        std::shared_ptr<const knowledge::EolCatalog> catalog(&knowledge::BuiltinEolCatalog(),
                                                             [](const knowledge::EolCatalog*) {});
        KENSA_ASSIGN_OR_RETURN(
            shipped,
            MakeEolKnowledge(
                std::move(catalog), "shipped", 0, knowledge::EolMapping::Products::kRequireAll));
    }
    return shipped;
}

void DescribeSoftware(const EolKnowledge& k, domain::Software* sw) {
    if (sw->license_expression.empty() && !sw->license.empty()) {
        knowledge::NormalizedLicense n = knowledge::NormalizeLicense(sw->license);
        sw->license_expression = n.expression;
        sw->license_category = std::string(knowledge::ToString(n.category));
    }
    sw->eol_product.clear();
    sw->eol_cycle.clear();
    std::string version = sw->key.version;
    if (auto m = k.mapping.MatchPackage(sw->ecosystem, sw->key.name, version, sw->purl)) {
        sw->eol_product = m->product->name;
        sw->eol_cycle = m->cycle->cycle;
    }
}

void DescribeObservation(const EolKnowledge& k, domain::ScanObservation* obs) {
    if (!obs->manages_software) {
        return;
    }
    for (auto& sw : obs->software) {
        DescribeSoftware(k, &sw);
    }
}

Result<std::vector<domain::ObservedEol>> ObserveServerEol(ports::Store& store,
                                                          const EolKnowledge& k,
                                                          const domain::Server& server) {
    Seen seen;
    std::vector<std::string> os_texts = {server.distro, server.platform};
    if (server.kind == domain::ServerKind::kVuls) {
        KENSA_ASSIGN_OR_RETURN(auto hosts, store.ListVulsHosts(server.group_id));
        for (const auto& h : hosts) {
            if (h.server_id == server.id) {
                os_texts.push_back(h.family + "-" + h.release);
                os_texts.push_back(h.release);
            }
        }
    }
    for (const auto& os : os_texts) {
        if (auto m = k.mapping.MatchOs(os)) {
            seen.Add(k, *m, os);
            break;  // one OS per server: the most precise text comes first
        }
    }
    KENSA_ASSIGN_OR_RETURN(auto functions, store.ListLambdaFunctions(server.id));
    for (const auto& fn : functions) {
        if (auto m = k.mapping.MatchLambdaRuntime(fn.runtime)) {
            seen.Add(k, *m, fn.name);
        }
    }
    // The rows were described when they were stored; a catalogue imported since may know
    // other cycles, so match again.
    KENSA_TRY(store.ForEachSoftware(server.id, false, [&](domain::Software&& sw) {
        if (auto m = k.mapping.MatchPackage(sw.ecosystem, sw.key.name, sw.key.version, sw.purl)) {
            seen.Add(k, *m, sw.key.name + " " + sw.key.version);
        }
    }));
    return seen.Take();
}

Status RefreshServerEol(ports::Store& store, domain::Id server_id, domain::EpochSeconds now) {
    KENSA_ASSIGN_OR_RETURN(auto knowledge, CurrentEolKnowledge(store));
    KENSA_ASSIGN_OR_RETURN(domain::Server server, store.GetServer(server_id));
    KENSA_ASSIGN_OR_RETURN(auto observed, ObserveServerEol(store, *knowledge, server));
    KENSA_ASSIGN_OR_RETURN(auto stored, store.ListServerEolItems(server_id));
    return store.ApplyEolChanges(server_id, domain::ReconcileEol(stored, observed, server_id, now));
}

Result<ports::ScanApplyStats> ApplyDescribedScan(ports::Store& store,
                                                 domain::Id server_id,
                                                 domain::ScanObservation observation,
                                                 const std::vector<ports::NetworkFinding>& network,
                                                 domain::EpochSeconds now) {
    KENSA_ASSIGN_OR_RETURN(auto knowledge, CurrentEolKnowledge(store));
    DescribeObservation(*knowledge, &observation);
    KENSA_ASSIGN_OR_RETURN(auto stats, store.ApplyScan(server_id, observation, network, now));
    // The scan is stored; its EOL items follow. Should they fail, the next scan refreshes them:
    // the scan itself is not undone or reported as failed.
    if (Status st = RefreshServerEol(store, server_id, now); !st.ok()) {
        log::Warn("EOL items not refreshed after a scan",
                  {{"server_id", std::to_string(server_id)}, {"error", st.error().ToString()}});
    }
    return stats;
}

}  // namespace kensa::app
