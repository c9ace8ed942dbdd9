#pragma once
// The advisory feed port: where advisory records come from. The import use case
// (app/advisories/import.h) reads a feed and writes the records to the store; the adapter
// (formats/osv/osv_feed.h: OSV JSON files, directories and zips) decides how a path is read
// and parsed, so app/ never touches files, archives or JSON.

#include <cstdint>
#include <memory>
#include <string>

#include "kensa/common/error.h"
#include "kensa/ports/store.h"

namespace kensa::ports {

/// What one read of a feed saw, for the import report.
struct AdvisoryFeedCounts {
    int64_t files = 0;               ///< files read (a zip is one file, whatever it holds)
    int64_t records = 0;             ///< records read, the rejected ones included
    int64_t git_ranges_skipped = 0;  ///< ranges of a kind kensa does not match (OSV GIT)
    int64_t unknown_ecosystems = 0;  ///< affected entries whose ecosystem kensa cannot map
};

/// Receives a feed's records and problems in reading order. Called on the reading thread.
class AdvisoryFeedSink {
public:
    virtual ~AdvisoryFeedSink() = default;
    /// One record in kensa's normalised form (`doc` is advisory::ToDoc's document). An error
    /// stops the read, and AdvisoryFeed::Read returns it.
    virtual Status OnRecord(AdvisoryRecord record) = 0;
    /// One rejected file, archive entry or record, as "<file>[:<entry>]: <problem>". The read
    /// goes on with the next one.
    virtual void OnError(std::string message) = 0;
};

/// A source of advisories addressed by a path. Implementations: formats::osv::OsvFeed.
/// Thread-safety: Read may be called concurrently with distinct sinks.
class AdvisoryFeed {
public:
    virtual ~AdvisoryFeed() = default;
    /// Streams every record under `path` to the sink, in a stable order (sorted file names).
    /// @return the counts; kNotFound when the path does not exist; kInvalidInput when a
    ///         directory cannot be listed; the sink's error when OnRecord failed.
    virtual Result<AdvisoryFeedCounts> Read(const std::string& path,
                                            AdvisoryFeedSink& sink) const = 0;
};
using AdvisoryFeedPtr = std::unique_ptr<AdvisoryFeed>;

}  // namespace kensa::ports
