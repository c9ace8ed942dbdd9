#include "kensa/app/advisories.h"

#include <zip.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>

#include "kensa/common/log.h"
#include "kensa/common/strings.h"
#include "kensa/knowledge/purl.h"

namespace kensa::app {
namespace {

namespace fs = std::filesystem;

constexpr size_t kBatch = 500;
constexpr uint64_t kMaxRecordBytes = 16u << 20;
constexpr uint64_t kMaxZipEntries = 5'000'000;

class Importer {
public:
    Importer(const AppContext& ctx, AdvisoryImportReport* report) : ctx_(ctx), report_(report) {}

    Status Record(const std::string& where, std::string_view text) {
        ++report_->records;
        advisory::ParseNotes notes;
        auto adv = advisory::ParseOsv(text, &notes);
        report_->git_ranges_skipped += notes.git_ranges_skipped;
        report_->unknown_ecosystems += notes.unknown_ecosystems;
        if (!adv.ok()) {
            report_->errors.push_back(where + ": " + adv.error().message());
            return Ok();
        }
        report_->withdrawn += adv->withdrawn ? 1 : 0;
        pending_.push_back({adv->id, adv->modified, adv->withdrawn, advisory::ToDoc(*adv)});
        return pending_.size() >= kBatch ? Flush() : Ok();
    }

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

    Status File(const fs::path& path) {
        ++report_->files;
        std::error_code ec;
        auto size = fs::file_size(path, ec);
        if (ec) {
            report_->errors.push_back(path.string() + ": " + ec.message());
            return Ok();
        }
        if (EndsWith(path.string(), ".zip")) {
            Status zipped = Zip(path);
            if (!zipped.ok() && zipped.error().code() == ErrorCode::kInvalidInput) {
                report_->errors.push_back(zipped.error().message());
                return Ok();
            }
            return zipped;
        }
        if (size > kMaxRecordBytes) {
            report_->errors.push_back(path.string() + ": larger than 16 MiB, not an OSV record");
            return Ok();
        }
        std::ifstream in(path, std::ios::binary);
        std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        return Record(path.string(), text);
    }

    Status Zip(const fs::path& path) {
        int err = 0;
        std::unique_ptr<zip_t, decltype(&zip_close)> archive(
            zip_open(path.c_str(), ZIP_RDONLY, &err), &zip_close);
        if (!archive) {
            zip_error_t ze;
            zip_error_init_with_code(&ze, err);
            std::string msg = zip_error_strerror(&ze);
            zip_error_fini(&ze);
            return Error(ErrorCode::kInvalidInput,
                         path.string() + ": not a readable zip file: " + msg);
        }
        zip_int64_t entries = zip_get_num_entries(archive.get(), 0);
        if (entries < 0 || static_cast<uint64_t>(entries) > kMaxZipEntries) {
            return Error(ErrorCode::kInvalidInput, path.string() + ": too many zip entries");
        }
        for (zip_int64_t i = 0; i < entries; ++i) {
            zip_stat_t st;
            if (zip_stat_index(archive.get(), static_cast<zip_uint64_t>(i), 0, &st) != 0 ||
                st.name == nullptr || !EndsWith(st.name, ".json")) {
                continue;
            }
            std::string where = path.string() + ":" + st.name;
            // The declared size is checked, and reading stops at the cap whatever the entry
            // really inflates to (zip bombs).
            if ((st.valid & ZIP_STAT_SIZE) != 0 && st.size > kMaxRecordBytes) {
                report_->errors.push_back(where + ": larger than 16 MiB, not an OSV record");
                continue;
            }
            std::unique_ptr<zip_file_t, decltype(&zip_fclose)> f(
                zip_fopen_index(archive.get(), static_cast<zip_uint64_t>(i), 0), &zip_fclose);
            if (!f) {
                report_->errors.push_back(where + ": cannot open entry");
                continue;
            }
            std::string text;
            char buf[65536];
            zip_int64_t n = 0;
            bool too_big = false;
            while ((n = zip_fread(f.get(), buf, sizeof buf)) > 0) {
                text.append(buf, static_cast<size_t>(n));
                if (text.size() > kMaxRecordBytes) {
                    too_big = true;
                    break;
                }
            }
            if (n < 0 || too_big) {
                report_->errors.push_back(where +
                                          (too_big ? ": larger than 16 MiB" : ": corrupt entry"));
                continue;
            }
            KENSA_TRY(Record(where, text));
        }
        return Ok();
    }

private:
    const AppContext& ctx_;
    AdvisoryImportReport* report_;
    std::vector<ports::AdvisoryRecord> pending_;
};

std::string FullVersion(const domain::Software& sw, const std::string& ecosystem) {
    if (ecosystem != "deb" && ecosystem != "rpm") {
        return sw.key.version;
    }
    std::string v = sw.key.version;
    if (!sw.key.release.empty()) {
        v += "-" + sw.key.release;
    }
    if (sw.key.epoch != 0) {
        v = std::to_string(sw.key.epoch) + ":" + v;
    }
    return v;
}

// "openssl-3.0.8-1.amzn2023.0.4.src.rpm" or "libss2-1.44.5-1+deb10u3.src.dpkg" -> source name.
std::string SourceName(std::string upstream, const std::string& full_version) {
    auto src = upstream.find(".src.");
    if (src != std::string::npos) {
        upstream.erase(src);
    }
    if (!full_version.empty() && EndsWith(upstream, "-" + full_version)) {
        upstream.erase(upstream.size() - full_version.size() - 1);
    } else if (src != std::string::npos) {
        // name-version-release: drop the last two dash-separated fields.
        for (int i = 0; i < 2; ++i) {
            auto dash = upstream.rfind('-');
            if (dash == std::string::npos || dash == 0) {
                break;
            }
            upstream.erase(dash);
        }
    }
    return upstream;
}

}  // namespace

Result<AdvisoryImportReport> ImportAdvisories(const AppContext& ctx, const std::string& path) {
    AdvisoryImportReport report;
    Importer importer(ctx, &report);
    std::error_code ec;
    fs::file_status st = fs::status(path, ec);
    if (ec || !fs::exists(st)) {
        return Error(ErrorCode::kNotFound, "advisory path '" + path + "' does not exist");
    }
    if (fs::is_directory(st)) {
        std::vector<fs::path> files;
        for (auto it = fs::recursive_directory_iterator(
                 path, fs::directory_options::skip_permission_denied, ec);
             !ec && it != fs::recursive_directory_iterator();
             it.increment(ec)) {
            if (it->is_regular_file() &&
                (EndsWith(it->path().string(), ".json") || EndsWith(it->path().string(), ".zip"))) {
                files.push_back(it->path());
            }
        }
        if (ec) {
            return Error(ErrorCode::kInvalidInput,
                         "cannot read directory '" + path + "': " + ec.message());
        }
        std::sort(files.begin(), files.end());
        for (const auto& f : files) {
            KENSA_TRY(importer.File(f));
        }
    } else {
        KENSA_TRY(importer.File(path));
    }
    KENSA_TRY(importer.Flush());
    log::Info("advisories imported",
              {{"path", path},
               {"records", std::to_string(report.records)},
               {"inserted", std::to_string(report.inserted)},
               {"updated", std::to_string(report.updated)},
               {"errors", std::to_string(report.errors.size())}});
    return report;
}

Result<std::unique_ptr<advisory::AdvisoryIndex>> LoadAdvisoryIndex(ports::Store& store) {
    auto index = std::make_unique<advisory::AdvisoryIndex>();
    int64_t bad = 0;
    KENSA_TRY(store.ForEachAdvisory([&](ports::AdvisoryRecord&& rec) {
        auto adv = advisory::FromDoc(rec.doc);
        if (!adv.ok()) {
            ++bad;
            return;
        }
        index->Add(std::move(adv).value());
    }));
    if (bad > 0) {
        // Matching with a partial index would close the detections of the unreadable records.
        return Error(ErrorCode::kInternal, std::to_string(bad) + " stored advisories could not be read; re-import "
                                                                 "the advisory database");
    }
    return index;
}

advisory::PackageQuery QueryFor(const domain::Software& sw, const domain::Server& server) {
    advisory::PackageQuery q;
    q.ecosystem = sw.ecosystem;
    knowledge::Purl purl;
    if (!sw.purl.empty()) {
        auto parsed = knowledge::ParsePurl(sw.purl);
        if (parsed.ok()) {
            purl = std::move(parsed).value();
        }
    }
    if (q.ecosystem.empty()) {
        q.ecosystem = purl.type == "dpkg" ? "deb" : purl.type;
    }
    q.name = sw.key.name;
    if (q.ecosystem == "maven") {
        std::replace(q.name.begin(), q.name.end(), ':', '/');
    }
    q.version = FullVersion(sw, q.ecosystem);
    if (q.ecosystem == "deb" || q.ecosystem == "rpm" || q.ecosystem == "apk") {
        std::string distro = purl.Qualifier("distro");
        q.distro = advisory::NormalizeDistro(distro.empty() ? server.platform : distro);
        std::string upstream = purl.Qualifier("upstream");
        if (!upstream.empty()) {
            std::string src = SourceName(upstream, FullVersion(sw, q.ecosystem));
            if (!src.empty() && src != q.name) {
                q.source_names.push_back(src);
            }
        }
        std::string srcpkg = purl.Qualifier("srcpkg");
        if (!srcpkg.empty() && srcpkg != q.name) {
            q.source_names.push_back(srcpkg);
        }
    }
    return q;
}

Result<ports::ScanApplyStats> MatchServer(const AppContext& ctx,
                                          const advisory::AdvisoryIndex& index,
                                          const domain::Server& server) {
    domain::ScanObservation obs;
    obs.source = domain::DetectionSource::kAdvisory;
    obs.software_source =
        domain::SoftwareSource::kManual;  // unused: the matcher manages no software
    obs.manages_software = false;
    obs.scan_label = "advisory database";
    std::map<std::string, domain::Vulnerability> vulns;
    std::vector<advisory::Match> matches;
    // The rows stream past; only the matched ones are kept (in obs.software, with their ids),
    // so memory follows the detections, not the server's software.
    KENSA_TRY(ctx.store.ForEachSoftware(server.id, false, [&](domain::Software&& sw) {
        matches.clear();
        index.MatchPackage(QueryFor(sw, server), &matches);
        for (const auto& m : matches) {
            for (const auto& vuln_id : m.advisory->VulnerabilityIds()) {
                auto& v = vulns[vuln_id];
                if (v.id.empty()) {
                    v.id = vuln_id;
                    v.title = m.advisory->summary;
                    v.description = m.advisory->details;
                    v.severity = domain::SeverityFrom(m.advisory->severity);
                    v.cvss3_vector = m.advisory->cvss3_vector;
                    v.references = m.advisory->references;
                    v.fix_available = m.fixed_in.empty() ? "NO" : "YES";
                }
                domain::ObservedDetection det;
                det.vulnerability_id = vuln_id;
                det.software = sw.key;
                det.source_ref = m.advisory->id;
                det.fixed_in = m.fixed_in;
                obs.detections.push_back(std::move(det));
            }
        }
        if (!matches.empty()) {
            obs.software.push_back(std::move(sw));
        }
    }));
    for (auto& [id, v] : vulns) {
        obs.vulnerabilities.push_back(std::move(v));
    }
    return ctx.store.ApplyScan(server.id, obs, {}, Now(ctx));
}

Result<domain::ScanRun> MatchGroup(const AppContext& ctx,
                                   const advisory::AdvisoryIndex& index,
                                   domain::Id group_id,
                                   domain::ScanTrigger trigger) {
    KENSA_ASSIGN_OR_RETURN(auto servers, ctx.store.ListServers(group_id));
    domain::ScanRun run;
    run.group_id = group_id;
    run.type = domain::ScanType::kAdvisory;
    run.trigger = trigger;
    run.status = domain::ScanStatus::kRunning;
    run.started_at = Now(ctx);
    KENSA_ASSIGN_OR_RETURN(run.id, ctx.store.CreateScanRun(run));
    for (const auto& server : servers) {
        auto stats = MatchServer(ctx, index, server);
        if (!stats.ok()) {
            run.status = domain::ScanStatus::kFailed;
            run.error = domain::ScanError{"storage",
                                          "store",
                                          "",
                                          stats.error().message(),
                                          "The database refused the match result for server '" +
                                              server.name +
                                              "'; nothing was changed for it. See the server log."};
            break;
        }
        run.vulnerabilities += stats->vulnerabilities;
        run.findings_seen += stats->active_detections;
        run.tasks_created += stats->tasks_created;
        run.tasks_reopened += stats->tasks_reopened;
        run.tasks_patched += stats->tasks_patched;
        run.rows_written += stats->rows_written;
    }
    if (run.status == domain::ScanStatus::kRunning) {
        run.status = domain::ScanStatus::kSucceeded;
    }
    run.finished_at = Now(ctx);
    KENSA_TRY(ctx.store.FinishScanRun(run));
    return run;
}

}  // namespace kensa::app
