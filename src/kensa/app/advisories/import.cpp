#include "kensa/app/advisories/import.h"

#include "kensa/common/log.h"

namespace kensa::app {
namespace {

constexpr size_t kBatch = 500;

// Collects the feed's records into batches of kBatch, one store transaction each.
class ImportSink final : public ports::AdvisoryFeedSink {
public:
    ImportSink(const AppContext& ctx, AdvisoryImportReport* report) : ctx_(ctx), report_(report) {}

    Status OnRecord(ports::AdvisoryRecord record) override {
        report_->withdrawn += record.withdrawn ? 1 : 0;
        pending_.push_back(std::move(record));
        return pending_.size() >= kBatch ? Flush() : Ok();
    }

    void OnError(std::string message) override { report_->errors.push_back(std::move(message)); }

    Status Flush() {
        if (pending_.empty()) {
            return Ok();
        }
        KENSA_ASSIGN_OR_RETURN(auto stats, ctx_.store.UpsertAdvisories(pending_, Now(ctx_)));
        report_->inserted += stats.inserted;
        report_->updated += stats.updated;
        report_->unchanged += stats.unchanged;
        pending_.clear();
        return Ok();
    }

private:
    const AppContext& ctx_;
    AdvisoryImportReport* report_;
    std::vector<ports::AdvisoryRecord> pending_;
};

}  // namespace

Result<AdvisoryImportReport> ImportAdvisories(const AppContext& ctx,
                                              const ports::AdvisoryFeed& feed,
                                              const std::string& path) {
    AdvisoryImportReport report;
    ImportSink sink(ctx, &report);
    KENSA_ASSIGN_OR_RETURN(ports::AdvisoryFeedCounts counts, feed.Read(path, sink));
    KENSA_TRY(sink.Flush());
    report.files = counts.files;
    report.records = counts.records;
    report.git_ranges_skipped = counts.git_ranges_skipped;
    report.unknown_ecosystems = counts.unknown_ecosystems;
    log::Info("advisories imported",
              {{"path", path},
               {"records", std::to_string(report.records)},
               {"inserted", std::to_string(report.inserted)},
               {"updated", std::to_string(report.updated)},
               {"errors", std::to_string(report.errors.size())}});
    return report;
}

}  // namespace kensa::app
