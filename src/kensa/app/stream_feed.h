#pragma once
// Feeding a document read from a stream (a file the CLI opened) to an importer, 1 MiB at a
// time, for every importer that takes chunks (Vuls results, SBOM files).

#include <istream>
#include <string>
#include <string_view>

#include "kensa/common/error.h"

namespace kensa::app {

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
