#include "kensa/formats/vuls/vuls_reader.h"

#include <simdjson.h>

#include <algorithm>
#include <cstdint>
#include <optional>

#include "kensa/formats/json/element_reader.h"

namespace kensa::vuls {
namespace {

using simdjson::dom::element;

// A string member; "" when absent or not a string.
std::string Str(const element& e, std::string_view key) {
    std::string_view s;
    if (e[key].get_string().get(s) == simdjson::SUCCESS) {
        return std::string(s);
    }
    return {};
}

// Go's encoding/json matches member names case-insensitively, so results re-encoded by other
// tools may spell "Libs" as "libs": the first spelling present wins.
element Member(const element& e, std::string_view exact, std::string_view lower) {
    element out;
    if (e[exact].get(out) == simdjson::SUCCESS || e[lower].get(out) == simdjson::SUCCESS) {
        return out;
    }
    return {};
}

std::string StrEither(const element& e, std::string_view exact, std::string_view lower) {
    std::string s = Str(e, exact);
    return s.empty() ? Str(e, lower) : s;
}

double Num(const element& e, std::string_view key) {
    double d = 0;
    if (e[key].get_double().get(d) == simdjson::SUCCESS) {
        return d;
    }
    return 0;
}

bool Bool(const element& e, std::string_view key) {
    bool b = false;
    return e[key].get_bool().get(b) == simdjson::SUCCESS && b;
}

std::vector<std::string> Strings(const element& list) {
    std::vector<std::string> out;
    simdjson::dom::array arr;
    if (list.get_array().get(arr) != simdjson::SUCCESS) {
        return out;
    }
    for (element item : arr) {
        std::string_view s;
        if (item.get_string().get(s) == simdjson::SUCCESS) {
            out.emplace_back(s);
        }
    }
    return out;
}

std::vector<std::string> StringsAt(const element& e, std::string_view key) {
    element list;
    if (e[key].get(list) != simdjson::SUCCESS) {
        return {};
    }
    return Strings(list);
}

bool NonEmptyList(const element& e, std::string_view key) {
    simdjson::dom::array arr;
    return e[key].get_array().get(arr) == simdjson::SUCCESS && arr.size() > 0;
}

Package ReadPackage(const element& e) {
    return Package{
        Str(e, "name"), Str(e, "version"), Str(e, "release"), Str(e, "arch"), Str(e, "repository")};
}

SrcPackage ReadSrcPackage(const element& e) {
    return SrcPackage{
        Str(e, "name"), Str(e, "version"), Str(e, "arch"), StringsAt(e, "binaryNames")};
}

LibraryScanner ReadLibraryScanner(const element& e) {
    LibraryScanner out;
    out.type = StrEither(e, "Type", "type");
    out.lockfile_path = Str(e, "path");
    simdjson::dom::array libs;
    if (Member(e, "Libs", "libs").get_array().get(libs) == simdjson::SUCCESS) {
        for (element lib : libs) {
            if (!lib.is_object()) {
                continue;
            }
            out.libs.push_back(Library{StrEither(lib, "Name", "name"),
                                       StrEither(lib, "Version", "version"),
                                       StrEither(lib, "PURL", "purl"),
                                       StrEither(lib, "FilePath", "filePath")});
        }
    }
    return out;
}

CveContent ReadCveContent(const element& e, std::string type) {
    CveContent c;
    c.type = std::move(type);
    c.title = Str(e, "title");
    c.summary = Str(e, "summary");
    c.cvss2_score = Num(e, "cvss2Score");
    c.cvss2_severity = Str(e, "cvss2Severity");
    c.cvss3_score = Num(e, "cvss3Score");
    c.cvss3_vector = Str(e, "cvss3Vector");
    c.cvss3_severity = Str(e, "cvss3Severity");
    c.cvss40_score = Num(e, "cvss40Score");
    c.cvss40_vector = Str(e, "cvss40Vector");
    c.cvss40_severity = Str(e, "cvss40Severity");
    simdjson::dom::array refs;
    if (e["references"].get_array().get(refs) == simdjson::SUCCESS) {
        for (element ref : refs) {
            std::string link = ref.is_object() ? Str(ref, "link") : std::string();
            if (!link.empty()) {
                c.references.push_back(std::move(link));
            }
        }
    }
    return c;
}

ScannedCve ReadScannedCve(const element& e) {
    ScannedCve cve;
    cve.cve_id = Str(e, "cveID");
    simdjson::dom::array list;
    if (e["affectedPackages"].get_array().get(list) == simdjson::SUCCESS) {
        for (element p : list) {
            if (p.is_object()) {
                cve.affected_packages.push_back(AffectedPackage{
                    Str(p, "name"), Bool(p, "notFixedYet"), Str(p, "fixState"), Str(p, "fixedIn")});
            }
        }
    }
    if (e["libraryFixedIns"].get_array().get(list) == simdjson::SUCCESS) {
        for (element l : list) {
            if (l.is_object()) {
                cve.library_fixed_ins.push_back(LibraryFixedIn{Str(l, "key"),
                                                               Str(l, "name"),
                                                               Str(l, "version"),
                                                               Str(l, "fixedIn"),
                                                               Str(l, "path")});
            }
        }
    }
    cve.cpe_uris = StringsAt(e, "cpeURIs");
    simdjson::dom::object contents;
    if (e["cveContents"].get_object().get(contents) == simdjson::SUCCESS) {
        for (auto field : contents) {
            simdjson::dom::array entries;
            if (field.value.get_array().get(entries) != simdjson::SUCCESS) {
                continue;
            }
            for (element c : entries) {
                if (c.is_object()) {
                    cve.contents.push_back(ReadCveContent(c, std::string(field.key)));
                }
            }
        }
    }
    cve.exploit_available = NonEmptyList(e, "exploits") || NonEmptyList(e, "metasploits");
    cve.kev = NonEmptyList(e, "kevs");
    return cve;
}

}  // namespace

// formats/json's scanner with a small semantic layer, as formats/sbom reads SBOMs: the scalar
// members and the small objects are captured whole, the elements of the package maps and the
// lists one at a time, each parsed alone with a reused simdjson parser.
class ResultReader::Impl final : public formats::json::ElementReader {
public:
    Impl(Visitor visitor, ReadLimits limits)
        : ElementReader(limits.max_depth, "Vuls result: ", limits.max_element_bytes),
          visitor_(std::move(visitor)) {}

    Status Feed(std::string_view chunk) {
        if (error_) {
            return *error_;
        }
        if (finished_) {
            return Error(ErrorCode::kInternal, "Vuls result: Feed after Finish");
        }
        Status scanned = chunk.empty() ? Ok() : scanner_.Scan(chunk);
        if (!scanned.ok()) {
            error_ = scanned.error();
            capture_.Release();  // a failed document keeps nothing
        }
        return scanned;
    }

    Result<ResultInfo> Finish() {
        if (error_) {
            return *error_;
        }
        if (finished_) {
            return Error(ErrorCode::kInternal, "Vuls result: Finish called twice");
        }
        finished_ = true;
        Status done = Complete();
        if (!done.ok()) {
            error_ = done.error();
            return *error_;
        }
        return std::move(info_);
    }

    size_t peak_buffer_bytes() const { return capture_.peak_bytes(); }

private:
    // Top-level members the reader looks at; kNone for every other one.
    enum class Field : uint8_t {
        kNone,
        kJsonVersion,
        kServerUuid,
        kServerName,
        kFamily,
        kRelease,
        kContainer,
        kPlatform,
        kIpv4,
        kIpv6,
        kKernel,
        kScannedAt,
        kScannedBy,
        kPackages,
        kSrcPackages,
        kLibraries,
        kScannedCves,
    };

    static constexpr std::pair<std::string_view, Field> kFields[] = {
        {"jsonVersion", Field::kJsonVersion},
        {"serverUUID", Field::kServerUuid},
        {"serverName", Field::kServerName},
        {"family", Field::kFamily},
        {"release", Field::kRelease},
        {"container", Field::kContainer},
        {"platform", Field::kPlatform},
        {"ipv4Addrs", Field::kIpv4},
        {"ipv6Addrs", Field::kIpv6},
        {"runningKernel", Field::kKernel},
        {"scannedAt", Field::kScannedAt},
        {"scannedBy", Field::kScannedBy},
        {"packages", Field::kPackages},
        {"SrcPackages", Field::kSrcPackages},
        {"srcPackages", Field::kSrcPackages},  // Go reads either spelling
        {"libraries", Field::kLibraries},
        {"scannedCves", Field::kScannedCves},
    };

    static std::string_view FieldName(Field f) {
        for (const auto& [name, field] : kFields) {
            if (field == f) {
                return name;
            }
        }
        return "?";
    }

    static uint32_t Bit(Field f) { return uint32_t{1} << static_cast<unsigned>(f); }

    // The members whose value holds elements read one at a time.
    static bool IsCollection(Field f) {
        return f == Field::kPackages || f == Field::kSrcPackages || f == Field::kLibraries ||
               f == Field::kScannedCves;
    }

    Status OnTopLevelKey(const std::string& key, bool overflow) override {
        field_ = Field::kNone;
        if (overflow) {
            return Ok();
        }
        for (const auto& [name, field] : kFields) {
            if (key == name) {
                field_ = field;
            }
        }
        if (field_ == Field::kNone) {
            return Ok();
        }
        if (seen_ & Bit(field_)) {
            return scanner_.Invalid("the member '" + key + "' appears twice");
        }
        seen_ |= Bit(field_);
        return Ok();
    }

    Status OnValueStart(char c, size_t i) override {
        size_t depth = scanner_.depth();  // the scanner refuses a top level that is not an object
        if (depth == 1) {
            return OnMemberStart(c, i);
        }
        if (depth != 2 || collection_ == Field::kNone || capture_.active()) {
            return Ok();
        }
        element_index_ = elements_++;
        if (c != '{') {
            return scanner_.Invalid(Where() + " is not an object");
        }
        Capture(i);
        return Ok();
    }

    Status OnMemberStart(char c, size_t i) {
        if (field_ == Field::kNone) {
            return Ok();
        }
        if (IsCollection(field_)) {
            char open = field_ == Field::kLibraries ? '[' : '{';
            if (c == 'n') {
                return Ok();  // Go writes a nil map or slice as null
            }
            if (c != open) {
                return scanner_.Invalid("'" + std::string(FieldName(field_)) + "' is not " +
                                        (open == '[' ? "a list" : "an object"));
            }
            collection_ = field_;
            elements_ = 0;
            return Ok();
        }
        Capture(i);
        return Ok();
    }

    void OnMemberEnd() override { collection_ = Field::kNone; }

    // Names the value being read in errors: "'platform'" or "packages[3]".
    std::string Where() const override {
        if (collection_ == Field::kNone) {
            return "'" + std::string(FieldName(field_)) + "'";
        }
        return std::string(FieldName(collection_)) + "[" + std::to_string(element_index_) + "]";
    }

    Status OnElement(const element& e) override {
        if (collection_ == Field::kNone) {
            return ReadMember(e);
        }
        switch (collection_) {
            case Field::kPackages:
                if (visitor_.package) {
                    visitor_.package(ReadPackage(e));
                }
                break;
            case Field::kSrcPackages:
                if (visitor_.src_package) {
                    visitor_.src_package(ReadSrcPackage(e));
                }
                break;
            case Field::kLibraries:
                if (visitor_.library_scanner) {
                    visitor_.library_scanner(ReadLibraryScanner(e));
                }
                break;
            default: {
                ScannedCve cve = ReadScannedCve(e);
                if (cve.cve_id.empty()) {
                    return scanner_.Invalid(Where() + " has no cveID");
                }
                if (visitor_.cve) {
                    visitor_.cve(std::move(cve));
                }
                break;
            }
        }
        return Ok();
    }

    Status ReadMember(const element& e) {
        auto text = [&](std::string* out) -> Status {
            std::string_view s;
            if (e.is_null()) {
                return Ok();
            }
            if (e.get_string().get(s) != simdjson::SUCCESS) {
                return scanner_.Invalid(Where() + " is not a string");
            }
            *out = std::string(s);
            return Ok();
        };
        switch (field_) {
            case Field::kJsonVersion: {
                int64_t v = 0;
                if (e.get_int64().get(v) != simdjson::SUCCESS || v < 0 || v > 1000) {
                    return scanner_.Invalid("'jsonVersion' is not a small integer");
                }
                info_.json_version = static_cast<int>(v);
                return Ok();
            }
            case Field::kServerUuid:
                return text(&info_.server_uuid);
            case Field::kServerName:
                return text(&info_.server_name);
            case Field::kFamily:
                return text(&info_.family);
            case Field::kRelease:
                return text(&info_.release);
            case Field::kScannedAt:
                return text(&info_.scanned_at);
            case Field::kScannedBy:
                return text(&info_.scanned_by);
            case Field::kIpv4:
                info_.ipv4_addrs = Strings(e);
                return Ok();
            case Field::kIpv6:
                info_.ipv6_addrs = Strings(e);
                return Ok();
            case Field::kContainer:
                if (e.is_object()) {
                    info_.container = Container{Str(e, "containerID"),
                                                Str(e, "name"),
                                                Str(e, "image"),
                                                Str(e, "type"),
                                                Str(e, "uuid")};
                }
                return Ok();
            case Field::kPlatform:
                if (e.is_object()) {
                    info_.platform_name = Str(e, "name");
                    info_.instance_id = Str(e, "instanceID");
                }
                return Ok();
            default:  // runningKernel
                if (e.is_object()) {
                    info_.kernel_release = Str(e, "release");
                    info_.kernel_version = Str(e, "version");
                    info_.reboot_required = Bool(e, "rebootRequired");
                }
                return Ok();
        }
    }

    Status Complete() {
        KENSA_TRY(scanner_.Finish());
        if (!(seen_ & Bit(Field::kJsonVersion))) {
            return scanner_.Invalid(
                "no 'jsonVersion': not a Vuls scan result (results/*.json of vuls scan or "
                "vuls report)");
        }
        if (info_.json_version != kJsonVersion) {
            return scanner_.Invalid("jsonVersion " + std::to_string(info_.json_version) +
                                    " is not supported; kensa reads jsonVersion " +
                                    std::to_string(kJsonVersion) + " (Vuls 0.15 and later)");
        }
        if (info_.server_name.empty() && info_.server_uuid.empty()) {
            return scanner_.Invalid("the result names no server (serverName and serverUUID empty)");
        }
        return Ok();
    }

    Visitor visitor_;
    std::optional<Error> error_;
    bool finished_ = false;
    ResultInfo info_;

    Field field_ = Field::kNone;       // of the last top-level key
    uint32_t seen_ = 0;                // Bit() of the members seen
    Field collection_ = Field::kNone;  // the map or list being read
    size_t elements_ = 0;              // elements of collection_ so far
    size_t element_index_ = 0;         // of the element being captured
};

ResultReader::ResultReader(Visitor visitor, ReadLimits limits)
    : impl_(std::make_unique<Impl>(std::move(visitor), limits)) {}
ResultReader::~ResultReader() = default;
ResultReader::ResultReader(ResultReader&&) noexcept = default;
ResultReader& ResultReader::operator=(ResultReader&&) noexcept = default;

Status ResultReader::Feed(std::string_view chunk) {
    return impl_->Feed(chunk);
}

Result<ResultInfo> ResultReader::Finish() {
    return impl_->Finish();
}

size_t ResultReader::peak_buffer_bytes() const {
    return impl_->peak_buffer_bytes();
}

std::unique_ptr<ports::vuls::ResultReader> VulsResultFormat::OpenResult(Visitor visitor,
                                                                        ReadLimits limits) const {
    return std::make_unique<ResultReader>(std::move(visitor), limits);
}

}  // namespace kensa::vuls
