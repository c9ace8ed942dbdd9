#include "kensa/formats/sbom/sbom_file_format.h"

#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "kensa/formats/sbom/cyclonedx_xml_reader.h"
#include "kensa/formats/sbom/inspector_export.h"
#include "kensa/formats/sbom/spdx_tag_value_reader.h"

namespace kensa::sbom {
namespace {

constexpr std::string_view kUtf8Bom = "\xef\xbb\xbf";
// Longest tag the first line may begin with before its ':' ("PackageLicenseInfoFromFiles").
constexpr size_t kMaxSniffedTag = 64;

Error NotAnSbomFile() {
    return Error(ErrorCode::kInvalidInput, "SBOM file: neither JSON, XML nor SPDX tag-value");
}

bool IsSpace(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

bool IsTagChar(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-' || c == '.';
}

// The JSON reader as a ports::SbomDocumentReader.
class JsonReader final : public ports::SbomDocumentReader {
public:
    JsonReader(ports::SbomVisitor visitor, StreamLimits limits)
        : reader_(std::move(visitor), limits) {}
    Status Feed(std::string_view chunk) override { return reader_.Feed(chunk); }
    Result<ports::SbomReadStats> Finish(ports::SbomDocumentInfo* info) override {
        return reader_.Finish(info);
    }

private:
    StreamReader reader_;
};

// Tells the encoding from the first bytes, then hands every byte to the reader of it.
class FileReader final : public ports::SbomDocumentReader {
public:
    FileReader(ports::SbomVisitor visitor, StreamLimits limits)
        : visitor_(std::move(visitor)), limits_(limits) {}

    Status Feed(std::string_view chunk) override {
        if (error_) {
            return *error_;
        }
        if (reader_) {
            return reader_->Feed(chunk);
        }
        if (finished_) {
            return Error(ErrorCode::kInternal, "SBOM file: Feed after Finish");
        }
        return Sniff(chunk);
    }

    Result<ports::SbomReadStats> Finish(ports::SbomDocumentInfo* info) override {
        if (error_) {
            return *error_;
        }
        if (!reader_) {
            if (finished_) {
                return Error(ErrorCode::kInternal, "SBOM file: Finish called twice");
            }
            finished_ = true;
            bool empty = phase_ == Phase::kSpace || (phase_ == Phase::kBom && bom_matched_ == 0);
            error_ = empty ? Error(ErrorCode::kInvalidInput, "SBOM file: empty") : NotAnSbomFile();
            return *error_;
        }
        KENSA_ASSIGN_OR_RETURN(auto stats, reader_->Finish(info));
        if (info != nullptr) {
            info->subject_id = DocumentSubject(*info);
            if (info->platform.empty()) {
                info->platform = DocumentPlatform(*info);
            }
        }
        return stats;
    }

private:
    enum class Phase { kBom, kSpace, kTag };

    Status Sniff(std::string_view chunk) {
        size_t i = 0;
        for (; i < chunk.size() && phase_ == Phase::kBom; ++i) {
            if (chunk[i] != kUtf8Bom[bom_matched_]) {
                if (bom_matched_ > 0) {
                    return Refuse();  // the start of a byte order mark, then something else
                }
                phase_ = Phase::kSpace;
                break;
            }
            if (++bom_matched_ == kUtf8Bom.size()) {
                phase_ = Phase::kSpace;
            }
        }
        for (; i < chunk.size() && phase_ == Phase::kSpace && IsSpace(chunk[i]); ++i) {
            lines_skipped_ += chunk[i] == '\n' ? 1 : 0;
        }
        if (i == chunk.size()) {
            return Ok();
        }
        std::string_view rest = chunk.substr(i);
        if (phase_ == Phase::kSpace) {
            switch (rest.front()) {
                case '{':
                    reader_ = std::make_unique<JsonReader>(std::move(visitor_), limits_);
                    return reader_->Feed(rest);
                case '<':
                    reader_ = std::make_unique<CycloneDxXmlReader>(
                        std::move(visitor_), limits_, lines_skipped_ + 1);
                    return reader_->Feed(rest);
                case '#':
                    return StartTagValue(rest);
                default:
                    phase_ = Phase::kTag;
                    break;
            }
        }
        // The first line must begin with "Tag:"; the tag's bytes are kept until its ':'.
        for (size_t k = 0; k < rest.size(); ++k) {
            char c = rest[k];
            if (c == ':' && !tag_.empty()) {
                std::string tag = std::move(tag_);
                tag_.clear();
                KENSA_TRY(StartTagValue(tag));
                return reader_->Feed(rest.substr(k));
            }
            if (!IsTagChar(c) || tag_.size() >= kMaxSniffedTag) {
                return Refuse();
            }
            tag_.push_back(c);
        }
        return Ok();
    }

    Status StartTagValue(std::string_view first_bytes) {
        reader_ =
            std::make_unique<SpdxTagValueReader>(std::move(visitor_), limits_, lines_skipped_ + 1);
        return reader_->Feed(first_bytes);
    }

    Status Refuse() {
        error_ = NotAnSbomFile();
        return *error_;
    }

    ports::SbomVisitor visitor_;
    StreamLimits limits_;
    std::unique_ptr<ports::SbomDocumentReader> reader_;  // once the encoding is known
    std::optional<Error> error_;                         // the sniffer's own
    bool finished_ = false;
    Phase phase_ = Phase::kBom;
    size_t bom_matched_ = 0;
    size_t lines_skipped_ = 0;
    std::string tag_;  // the first line's tag so far
};

}  // namespace

std::unique_ptr<ports::SbomDocumentReader> SbomFiles::OpenFile(ports::SbomVisitor visitor) const {
    return std::make_unique<FileReader>(std::move(visitor), limits_);
}

}  // namespace kensa::sbom
