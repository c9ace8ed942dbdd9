#pragma once
// What kensa knows about a software row beyond what its source said (R18): its license as an
// SPDX expression with its category (knowledge/spdx_license), and the endoflife.date product
// and release cycle it is of (knowledge/eol_mapping). Every ingest path describes its rows
// before the store reconciles them, and refreshes the server's EOL items after.

#include <memory>
#include <string>

#include "kensa/common/error.h"
#include "kensa/domain/eol.h"
#include "kensa/domain/scan_reconcile.h"
#include "kensa/knowledge/eol_catalog.h"
#include "kensa/knowledge/eol_mapping.h"
#include "kensa/ports/store.h"

namespace kensa::app {

/// The EOL catalogue in force and its mapping rules.
struct EolKnowledge {
    std::shared_ptr<const knowledge::EolCatalog> catalog;
    knowledge::EolMapping mapping;
    std::string source;  ///< "shipped" or what `kensa eol import` read
    domain::EpochSeconds imported_at = 0;
};

/// The snapshot a `kensa eol import` stored, else the shipped one. Parsed once per import
/// (cached by its import time), so every ingest can ask.
Result<std::shared_ptr<const EolKnowledge>> CurrentEolKnowledge(ports::EolStore& store);
/// Builds the knowledge of a catalogue. kRequireAll: every mapping rule must name a product of
/// it (an import is checked so); kSkipUnknown: rules of products it lacks are left out (an
/// older imported snapshot must not stop the scans of a newer kensa).
Result<std::shared_ptr<const EolKnowledge>> MakeEolKnowledge(
    std::shared_ptr<const knowledge::EolCatalog> catalog,
    std::string source,
    domain::EpochSeconds imported_at,
    knowledge::EolMapping::Products products);

/// Fills the row's license expression and category (from `license` when the source did not
/// normalise it already) and its EOL product and cycle.
void DescribeSoftware(const EolKnowledge& knowledge, domain::Software* sw);
void DescribeObservation(const EolKnowledge& knowledge, domain::ScanObservation* obs);

/// The cycles a server runs as its stored state says: its OS (distro, platform, the last Vuls
/// result's release), its Lambda functions' runtimes, and its software rows.
Result<std::vector<domain::ObservedEol>> ObserveServerEol(ports::Store& store,
                                                          const EolKnowledge& knowledge,
                                                          const domain::Server& server);
/// Brings the server's EOL items in line with what it runs now (domain::ReconcileEol).
Status RefreshServerEol(ports::Store& store, domain::Id server_id, domain::EpochSeconds now);

/// One ingest's write: describes the observation's software, reconciles it
/// (ports::ScanStore::ApplyScan), then refreshes the server's EOL items. Fails only when the
/// reconcile fails (nothing changed then); a failed EOL refresh is logged, and the next scan
/// refreshes them.
Result<ports::ScanApplyStats> ApplyDescribedScan(ports::Store& store,
                                                 domain::Id server_id,
                                                 domain::ScanObservation observation,
                                                 const std::vector<ports::NetworkFinding>& network,
                                                 domain::EpochSeconds now);

}  // namespace kensa::app
