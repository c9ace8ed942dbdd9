#pragma once
// Streaming reader of Vuls scan results (models.ScanResult, jsonVersion 4), as `vuls scan` and
// `vuls report` write them to results/*.json, as `vuls report -to-http` POSTs them and as
// `vuls saas` uploads them. Input is hostile: a malformed document gives kInvalidInput naming
// the problem and its place, never a crash.
//
// The reader takes a result in chunks of any size and hands each package, source package,
// library scanner and scanned CVE to a visitor as soon as its bytes are complete. It holds one
// element at a time (at most ReadLimits::max_element_bytes), never the document; the members it
// does not read ("config", "cweDict", ...) are checked as JSON and forgotten.

#include <cstddef>
#include <memory>
#include <string_view>

#include "kensa/common/error.h"
#include "kensa/ports/vuls_result.h"

namespace kensa::vuls {

using ports::vuls::AffectedPackage;
using ports::vuls::Container;
using ports::vuls::CveContent;
using ports::vuls::kJsonVersion;
using ports::vuls::Library;
using ports::vuls::LibraryFixedIn;
using ports::vuls::LibraryScanner;
using ports::vuls::Package;
using ports::vuls::ReadLimits;
using ports::vuls::ResultInfo;
using ports::vuls::ScannedCve;
using ports::vuls::SrcPackage;
using ports::vuls::Visitor;

/// Incremental reader of one Vuls result.
///
/// The visitor may have seen elements of a document that then fails: a caller must treat a
/// document whose Feed or Finish failed as wholly unusable and drop what it was given.
class ResultReader final : public ports::vuls::ResultReader {
public:
    explicit ResultReader(Visitor visitor, ReadLimits limits = {});
    ~ResultReader() override;
    ResultReader(ResultReader&&) noexcept;
    ResultReader& operator=(ResultReader&&) noexcept;
    ResultReader(const ResultReader&) = delete;
    ResultReader& operator=(const ResultReader&) = delete;

    Status Feed(std::string_view chunk) override;
    Result<ResultInfo> Finish() override;

    /// Largest capacity the element buffer reached (tests and diagnostics).
    size_t peak_buffer_bytes() const;

private:
    class Impl;
    std::unique_ptr<Impl> impl_;
};

/// The adapter behind ports::vuls::ResultFormat.
class VulsResultFormat final : public ports::vuls::ResultFormat {
public:
    std::unique_ptr<ports::vuls::ResultReader> OpenResult(Visitor visitor,
                                                          ReadLimits limits) const override;
};

}  // namespace kensa::vuls
