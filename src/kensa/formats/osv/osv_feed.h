#pragma once
// The OSV advisory feed: OSV JSON records read from a file, a directory (recursively: *.json
// and *.zip, in sorted order) or a zip of an ecosystem dump (osv.dev's all.zip per ecosystem),
// each parsed by ParseOsv and handed on in kensa's normalised form.
//
// Input is hostile: a record or zip entry over 16 MiB (declared or inflated), an unreadable
// zip, a corrupt entry or a malformed record is reported to the sink and skipped; the rest is
// read.

#include "kensa/ports/advisory_feed.h"

namespace kensa::formats::osv {

class OsvFeed final : public ports::AdvisoryFeed {
public:
    Result<ports::AdvisoryFeedCounts> Read(const std::string& path,
                                           ports::AdvisoryFeedSink& sink) const override;
};

}  // namespace kensa::formats::osv
