#pragma once
// Feeding one document to its reader, for every importer that takes chunks (Vuls results, SBOM
// files): the bytes counted against the importer's limit and the first error kept, and a
// document read from a stream (a file the CLI opened) 1 MiB at a time.

#include <cstdint>
#include <istream>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "kensa/common/error.h"

namespace kensa::app {

/// The bytes of one document on their way to its reader.
class DocumentIntake {
public:
    /// `what` names the document in messages ("SBOM file", "Vuls result"); `source` is where
    /// it came from, added to every error.
    DocumentIntake(std::string what, int64_t max_bytes, std::string source)
        : what_(std::move(what)), max_bytes_(max_bytes), source_(std::move(source)) {}

    /// Hands the chunk to `reader` unless the document is over the limit or already failed;
    /// the first error is kept and returned again.
    template <class Reader>
    Status Feed(Reader& reader, std::string_view chunk) {
        if (error_) {
            return *error_;
        }
        bytes_ += static_cast<int64_t>(chunk.size());
        if (bytes_ > max_bytes_) {
            error_ = Error(ErrorCode::kInvalidInput,
                           what_ + ": larger than " + std::to_string(max_bytes_ >> 20) +
                               " MiB, the limit for one document; nothing was imported")
                         .With("source", source_);
            return *error_;
        }
        Status fed = reader.Feed(chunk);
        if (!fed.ok()) {
            error_ = Error(fed.error()).With("source", source_);
        }
        return fed;
    }

    /// The first error, if any.
    const std::optional<Error>& error() const { return error_; }

private:
    std::string what_;
    int64_t max_bytes_;
    std::string source_;
    int64_t bytes_ = 0;
    std::optional<Error> error_;
};

/// Calls importer.Feed for each chunk until the stream ends or a Feed fails (the importer's
/// Finish reports that); kInvalidInput naming `source` when the stream cannot be read.
template <class Importer>
Status FeedStream(std::istream& in, const std::string& source, Importer& importer) {
    std::string chunk(size_t{1} << 20, '\0');
    while (in) {
        in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
        auto n = static_cast<size_t>(in.gcount());
        if (n == 0 || !importer.Feed(std::string_view(chunk.data(), n)).ok()) {
            break;
        }
    }
    if (in.bad()) {
        return Error(ErrorCode::kInvalidInput, "cannot read " + source).With("source", source);
    }
    return Ok();
}

}  // namespace kensa::app
