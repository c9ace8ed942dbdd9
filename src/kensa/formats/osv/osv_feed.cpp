#include "kensa/formats/osv/osv_feed.h"

#include <zip.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <vector>

#include "kensa/advisory/advisory_doc.h"
#include "kensa/common/strings.h"
#include "kensa/formats/osv/osv_parser.h"

namespace kensa::formats::osv {
namespace {

namespace fs = std::filesystem;

constexpr uint64_t kMaxRecordBytes = 16u << 20;
constexpr uint64_t kMaxZipEntries = 5'000'000;
constexpr size_t kReadChunk = 65536;

// One read: walks files and zip entries, parses each record, counts what it saw.
class Reader {
public:
    explicit Reader(ports::AdvisoryFeedSink& sink) : sink_(sink) {}

    const ports::AdvisoryFeedCounts& counts() const { return counts_; }

    Status Record(const std::string& where, std::string_view text) {
        ++counts_.records;
        ParseNotes notes;
        auto adv = ParseOsv(text, &notes);
        counts_.git_ranges_skipped += notes.git_ranges_skipped;
        counts_.unknown_ecosystems += notes.unknown_ecosystems;
        if (!adv.ok()) {
            sink_.OnError(where + ": " + adv.error().message());
            return Ok();
        }
        return sink_.OnRecord({adv->id, adv->modified, adv->withdrawn, advisory::ToDoc(*adv)});
    }

    Status File(const fs::path& path) {
        ++counts_.files;
        std::error_code ec;
        auto size = fs::file_size(path, ec);
        if (ec) {
            sink_.OnError(path.string() + ": " + ec.message());
            return Ok();
        }
        if (EndsWith(path.string(), ".zip")) {
            Status zipped = Zip(path);
            if (!zipped.ok() && zipped.error().code() == ErrorCode::kInvalidInput) {
                sink_.OnError(zipped.error().message());
                return Ok();
            }
            return zipped;
        }
        if (size > kMaxRecordBytes) {
            sink_.OnError(path.string() + ": larger than 16 MiB, not an OSV record");
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
        for (zip_int64_t entry_idx = 0; entry_idx < entries; ++entry_idx) {
            zip_stat_t st;
            if (zip_stat_index(archive.get(), static_cast<zip_uint64_t>(entry_idx), 0, &st) != 0 ||
                st.name == nullptr || !EndsWith(st.name, ".json")) {
                continue;
            }
            KENSA_TRY(ZipEntry(archive.get(), entry_idx, st, path.string() + ":" + st.name));
        }
        return Ok();
    }

private:
    Status ZipEntry(zip_t* archive,
                    zip_int64_t entry_idx,
                    const zip_stat_t& st,
                    const std::string& where) {
        // The declared size is checked, and reading stops at the cap whatever the entry
        // really inflates to (zip bombs).
        if ((st.valid & ZIP_STAT_SIZE) != 0 && st.size > kMaxRecordBytes) {
            sink_.OnError(where + ": larger than 16 MiB, not an OSV record");
            return Ok();
        }
        std::unique_ptr<zip_file_t, decltype(&zip_fclose)> f(
            zip_fopen_index(archive, static_cast<zip_uint64_t>(entry_idx), 0), &zip_fclose);
        if (!f) {
            sink_.OnError(where + ": cannot open entry");
            return Ok();
        }
        std::string text;
        std::vector<char> buf(kReadChunk);
        zip_int64_t n = 0;
        bool too_big = false;
        while ((n = zip_fread(f.get(), buf.data(), buf.size())) > 0) {
            text.append(buf.data(), static_cast<size_t>(n));
            if (text.size() > kMaxRecordBytes) {
                too_big = true;
                break;
            }
        }
        if (n < 0 || too_big) {
            sink_.OnError(where + (too_big ? ": larger than 16 MiB" : ": corrupt entry"));
            return Ok();
        }
        return Record(where, text);
    }

    ports::AdvisoryFeedSink& sink_;
    ports::AdvisoryFeedCounts counts_;
};

}  // namespace

Result<ports::AdvisoryFeedCounts> OsvFeed::Read(const std::string& path,
                                                ports::AdvisoryFeedSink& sink) const {
    Reader reader(sink);
    std::error_code ec;
    fs::file_status st = fs::status(path, ec);
    if (ec || !fs::exists(st)) {
        return Error(ErrorCode::kNotFound, "advisory path '" + path + "' does not exist");
    }
    if (!fs::is_directory(st)) {
        KENSA_TRY(reader.File(path));
        return reader.counts();
    }
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
        KENSA_TRY(reader.File(f));
    }
    return reader.counts();
}

}  // namespace kensa::formats::osv
