#pragma once
// Vuls scan results (R19) as the application reads them: the elements of a models.ScanResult
// (jsonVersion 4), handed over one at a time as a result streams in, and the reader that does
// it (the adapter is formats/vuls). Contract: a caller must treat a result whose Feed or Finish
// failed as wholly unusable and drop what it was given.

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "kensa/common/error.h"

namespace kensa::ports::vuls {

/// The only results layout kensa reads (Vuls 0.15 and later write it).
inline constexpr int kJsonVersion = 4;

/// An installed OS package ("packages"). Vuls writes an RPM epoch into the version ("1:1.36.0").
struct Package {
    std::string name;
    std::string version;
    std::string release;
    std::string arch;
    std::string repository;
};

/// A source package ("SrcPackages") and the binary packages built from it.
struct SrcPackage {
    std::string name;
    std::string version;
    std::string arch;
    std::vector<std::string> binary_names;
};

struct Library {
    std::string name;
    std::string version;
    std::string purl;
    std::string file_path;  ///< the library's path in a container image; empty for lockfiles
};

/// One lockfile (or image path) Vuls's library scan read ("libraries").
struct LibraryScanner {
    std::string type;  ///< trivy's language type: npm, pip, jar, gomod, ...
    std::string lockfile_path;
    std::vector<Library> libs;
};

struct AffectedPackage {
    std::string name;
    bool not_fixed_yet = false;
    std::string fix_state;
    std::string fixed_in;
};

struct LibraryFixedIn {
    std::string key;  ///< the library type
    std::string name;
    std::string version;
    std::string fixed_in;
    std::string path;  ///< the lockfile
};

/// What one source (nvd, redhat, ubuntu, trivy:nvd, ...) says of a CVE ("cveContents").
struct CveContent {
    std::string type;
    std::string title;
    std::string summary;
    double cvss2_score = 0;
    std::string cvss2_severity;
    double cvss3_score = 0;
    std::string cvss3_vector;
    std::string cvss3_severity;
    double cvss40_score = 0;
    std::string cvss40_vector;
    std::string cvss40_severity;
    std::vector<std::string> references;
};

/// One entry of "scannedCves": a vulnerability `vuls report` found, with what it affects.
struct ScannedCve {
    std::string cve_id;
    std::vector<AffectedPackage> affected_packages;
    std::vector<LibraryFixedIn> library_fixed_ins;
    std::vector<std::string> cpe_uris;
    std::vector<CveContent> contents;
    bool exploit_available = false;  ///< "exploits" or "metasploits" name one
    bool kev = false;                ///< "kevs" names one
};

struct Container {
    std::string container_id;
    std::string name;
    std::string image;
    std::string type;
    std::string uuid;
};

/// The scalar members of a result: who was scanned, and what it runs.
struct ResultInfo {
    int json_version = 0;
    std::string server_uuid;  ///< empty unless the scanner had a saas configuration
    std::string server_name;
    std::string family;  ///< Vuls's OS family: amazon, redhat, ubuntu, alma, windows, pseudo...
    std::string release;
    Container container;
    std::string platform_name;  ///< aws, azure, gcp, other, unknown
    std::string instance_id;
    std::vector<std::string> ipv4_addrs;
    std::vector<std::string> ipv6_addrs;
    std::string kernel_release;
    std::string kernel_version;
    bool reboot_required = false;
    std::string scanned_at;  ///< RFC 3339, as Vuls writes it
    std::string scanned_by;
};

struct Visitor {
    std::function<void(Package&&)> package;
    std::function<void(SrcPackage&&)> src_package;
    std::function<void(LibraryScanner&&)> library_scanner;
    std::function<void(ScannedCve&&)> cve;
};

struct ReadLimits {
    /// Largest element of "packages", "SrcPackages", "libraries" or "scannedCves", and largest
    /// other member the reader reads ("container", "platform", "runningKernel", the addresses).
    size_t max_element_bytes = size_t{4} << 20;
    /// Deepest JSON nesting; the top-level object is depth 1.
    int max_depth = 64;
};

/// One result being read, chunk by chunk.
class ResultReader {
public:
    virtual ~ResultReader() = default;
    /// Reads the next bytes; chunks may split the document anywhere. Returns the first error,
    /// and keeps returning it on later calls.
    virtual Status Feed(std::string_view chunk) = 0;
    /// Ends the document. Fails when it is incomplete, is not a JSON object, or is not a Vuls
    /// result of jsonVersion 4 naming its server.
    virtual Result<ResultInfo> Finish() = 0;
};

/// Opens readers. Thread-safe.
class ResultFormat {
public:
    virtual ~ResultFormat() = default;
    virtual std::unique_ptr<ResultReader> OpenResult(Visitor visitor, ReadLimits limits) const = 0;
};

}  // namespace kensa::ports::vuls
