#include "kensa/formats/sbom/spdx_tag_value_reader.h"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>

#include "kensa/common/strings.h"
#include "kensa/formats/sbom/sbom_elements.h"

namespace kensa::sbom {
namespace {

using elements::Invalid;
using elements::Quote;

constexpr std::string_view kTextOpen = "<text>";
constexpr std::string_view kTextClose = "</text>";
constexpr std::string_view kBlank = " \t";

std::string_view TrimBlank(std::string_view s) {
    size_t b = s.find_first_not_of(kBlank);
    if (b == std::string_view::npos) {
        return {};
    }
    return s.substr(b, s.find_last_not_of(kBlank) - b + 1);
}

std::string_view TrimSpace(std::string_view s) {
    constexpr std::string_view kSpace = " \t\r\n";
    size_t b = s.find_first_not_of(kSpace);
    if (b == std::string_view::npos) {
        return {};
    }
    return s.substr(b, s.find_last_not_of(kSpace) - b + 1);
}

bool IsTagChar(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-' || c == '.';
}

// The first problem of a line as UTF-8 (RFC 3629: no overlong forms, no surrogates, nothing
// past U+10FFFF), or of a NUL byte in it; nullopt when it has none.
std::optional<std::string> Utf8Problem(std::string_view s) {
    size_t i = 0;
    while (i < s.size()) {
        auto c = static_cast<unsigned char>(s[i]);
        if (c == 0) {
            return "a NUL byte";
        }
        if (c < 0x80) {
            ++i;
            continue;
        }
        size_t n = 0;
        unsigned char lo = 0x80;
        unsigned char hi = 0xbf;  // bounds of the byte after the lead byte
        if (c >= 0xc2 && c <= 0xdf) {
            n = 1;
        } else if (c >= 0xe0 && c <= 0xef) {
            n = 2;
            lo = c == 0xe0 ? 0xa0 : 0x80;
            hi = c == 0xed ? 0x9f : 0xbf;
        } else if (c >= 0xf0 && c <= 0xf4) {
            n = 3;
            lo = c == 0xf0 ? 0x90 : 0x80;
            hi = c == 0xf4 ? 0x8f : 0xbf;
        } else {
            return "invalid UTF-8";
        }
        if (n > s.size() - i - 1) {
            return "invalid UTF-8";  // cut short by the end of the line
        }
        for (size_t k = 1; k <= n; ++k) {
            auto b = static_cast<unsigned char>(s[i + k]);
            unsigned char min = k == 1 ? lo : 0x80;
            unsigned char max = k == 1 ? hi : 0xbf;
            if (b < min || b > max) {
                return "invalid UTF-8";
            }
        }
        i += n + 1;
    }
    return std::nullopt;
}

// "SPDX-2.2", "SPDX-2.3": SPDX 2.x.
bool IsSpdx2(std::string_view v) {
    constexpr std::string_view kPrefix = "SPDX-2.";
    if (v.size() <= kPrefix.size() || !StartsWith(v, kPrefix)) {
        return false;
    }
    v.remove_prefix(kPrefix.size());
    return std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The tags the reader acts on.
enum class Tag : uint8_t {
    kOther,
    kSpdxVersion,
    kDocumentName,
    kDocumentNamespace,
    kPackageName,
    kSpdxId,
    kPackageVersion,
    kLicenseConcluded,
    kLicenseDeclared,
    kExternalRef,
    kSectionEnd,  // a file, snippet or extracted license: the package before it has ended
};

constexpr std::pair<std::string_view, Tag> kTags[] = {
    {"SPDXVersion", Tag::kSpdxVersion},
    {"DocumentName", Tag::kDocumentName},
    {"DocumentNamespace", Tag::kDocumentNamespace},
    {"PackageName", Tag::kPackageName},
    {"SPDXID", Tag::kSpdxId},
    {"PackageVersion", Tag::kPackageVersion},
    {"PackageLicenseConcluded", Tag::kLicenseConcluded},
    {"PackageLicenseDeclared", Tag::kLicenseDeclared},
    {"ExternalRef", Tag::kExternalRef},
    {"FileName", Tag::kSectionEnd},
    {"SnippetSPDXID", Tag::kSectionEnd},
    {"LicenseID", Tag::kSectionEnd},
};

Tag TagOf(std::string_view name) {
    for (const auto& [text, tag] : kTags) {
        if (name == text) {
            return tag;
        }
    }
    return Tag::kOther;
}

}  // namespace

class SpdxTagValueReader::Impl {
public:
    Impl(Visitor visitor, StreamLimits limits, size_t first_line)
        : visitor_(std::move(visitor)), limits_(limits), line_no_(first_line) {}

    Status Feed(std::string_view chunk) {
        if (error_) {
            return *error_;
        }
        if (finished_) {
            return Error(ErrorCode::kInternal, "SBOM document: Feed after Finish");
        }
        Status fed = Lines(chunk);
        if (!fed.ok()) {
            Fail(fed.error());
        }
        return fed;
    }

    Result<ports::SbomReadStats> Finish(ports::SbomDocumentInfo* info) {
        if (error_) {
            return *error_;
        }
        if (finished_) {
            return Error(ErrorCode::kInternal, "SBOM document: Finish called twice");
        }
        finished_ = true;
        Status done = Complete();
        if (!done.ok()) {
            Fail(done.error());
            return *error_;
        }
        if (info != nullptr) {
            ports::SbomDocumentInfo read;
            read.format = "spdx";
            read.spec_version = std::move(spdx_version_);
            read.name = std::move(name_);
            read.document_namespace = std::move(namespace_);
            *info = std::move(read);
        }
        return stats_;
    }

    size_t peak_line_bytes() const { return peak_line_; }

private:
    void Fail(Error e) {
        error_ = std::move(e);
        line_ = {};  // a failed document keeps nothing
        text_ = {};
        package_ = {};
    }

    Error At(const std::string& what) const {
        return Invalid("line " + std::to_string(line_no_) + ": " + what);
    }

    Status Lines(std::string_view chunk) {
        while (!chunk.empty()) {
            size_t nl = chunk.find('\n');
            std::string_view piece = chunk.substr(0, nl);
            if (line_.size() + piece.size() > kMaxTagValueLineBytes) {
                return At("a line longer than " + std::to_string(kMaxTagValueLineBytes) + " bytes");
            }
            if (nl == std::string_view::npos) {
                line_.append(piece);
                peak_line_ = std::max(peak_line_, line_.capacity());
                return Ok();
            }
            chunk.remove_prefix(nl + 1);
            if (line_.empty()) {
                KENSA_TRY(Line(piece));  // whole in this chunk: read in place
            } else {
                line_.append(piece);
                peak_line_ = std::max(peak_line_, line_.capacity());
                KENSA_TRY(Line(line_));
                line_.clear();
            }
            ++line_no_;
        }
        return Ok();
    }

    Status Complete() {
        if (!line_.empty()) {
            KENSA_TRY(Line(line_));  // the last line, without a line break
            line_.clear();
        }
        if (in_text_) {
            return At("the <text> value of " + text_tag_ + " (from line " +
                      std::to_string(text_line_) + ") is not closed with </text>");
        }
        KENSA_TRY(EndPackage());
        if (spdx_version_.empty()) {
            return Invalid("no SPDXVersion: not an SPDX tag-value document");
        }
        return Ok();
    }

    Status Line(std::string_view line) {
        if (!line.empty() && line.back() == '\r') {
            line.remove_suffix(1);
        }
        if (auto problem = Utf8Problem(line)) {
            return At(*problem);
        }
        if (in_text_) {
            return TextLine(line);
        }
        std::string_view text = TrimBlank(line);
        if (text.empty() || text.front() == '#') {
            return Ok();
        }
        size_t colon = text.find(':');
        std::string_view tag = colon == std::string_view::npos ? "" : text.substr(0, colon);
        if (tag.empty() || !std::all_of(tag.begin(), tag.end(), IsTagChar)) {
            return At("not a 'Tag: value' line: " + Quote(text));
        }
        std::string_view value = TrimBlank(text.substr(colon + 1));
        if (!StartsWith(value, kTextOpen)) {
            return Value(tag, value);
        }
        value.remove_prefix(kTextOpen.size());
        if (size_t close = value.find(kTextClose); close != std::string_view::npos) {
            return Value(tag, value.substr(0, close));
        }
        in_text_ = true;
        text_tag_ = std::string(tag);
        text_line_ = line_no_;
        text_.clear();
        return AppendText(value, true);
    }

    // A line of a <text> value that began on an earlier line.
    Status TextLine(std::string_view line) {
        size_t close = line.find(kTextClose);
        KENSA_TRY(AppendText(line.substr(0, close), close == std::string_view::npos));
        if (close == std::string_view::npos) {
            return Ok();
        }
        in_text_ = false;
        std::string value = std::move(text_);
        text_.clear();
        return Value(text_tag_, value);
    }

    Status AppendText(std::string_view part, bool line_break) {
        if (text_.size() + part.size() + 1 > kMaxTagValueTextBytes) {
            return At("a <text> value (" + text_tag_ + ", from line " + std::to_string(text_line_) +
                      ") longer than " + std::to_string(kMaxTagValueTextBytes) + " bytes");
        }
        text_.append(part);
        if (line_break) {
            text_.push_back('\n');
        }
        return Ok();
    }

    // Keeps a value of the package, within the package's bound.
    Status Keep(std::string& field, std::string_view value) {
        package_bytes_ += value.size();
        if (package_bytes_ > limits_.max_element_bytes) {
            return At("the package " + Quote(package_.name) + " (from line " +
                      std::to_string(package_line_) + ") is larger than " +
                      std::to_string(limits_.max_element_bytes) + " bytes");
        }
        field = std::string(value);
        return Ok();
    }

    Status Value(std::string_view tag_name, std::string_view raw) {
        std::string_view value = TrimSpace(raw);  // a <text> value may end in line breaks
        Tag tag = TagOf(tag_name);
        switch (tag) {
            case Tag::kSpdxVersion:
                if (!spdx_version_.empty()) {
                    return At("SPDXVersion appears twice");
                }
                if (!IsSpdx2(value)) {
                    return At("SPDXVersion " + Quote(value) + " is not SPDX 2.x");
                }
                spdx_version_ = std::string(value);
                return Ok();
            case Tag::kDocumentName:
                name_ = std::string(value);
                return Ok();
            case Tag::kDocumentNamespace:
                namespace_ = std::string(value);
                return Ok();
            case Tag::kPackageName:
                KENSA_TRY(EndPackage());
                if (value.empty()) {
                    return At("a package has no name");
                }
                in_package_ = true;
                package_line_ = line_no_;
                package_bytes_ = 0;
                package_.type = "package";
                return Keep(package_.name, value);
            case Tag::kSectionEnd:
                return EndPackage();
            default:
                break;
        }
        if (!in_package_) {
            return Ok();  // a tag of the document, a file or a snippet
        }
        switch (tag) {
            case Tag::kSpdxId:
                return package_.ref.empty() ? Keep(package_.ref, value) : Ok();
            case Tag::kPackageVersion:
                return Keep(package_.version, value);
            case Tag::kLicenseConcluded:
                return Keep(concluded_, value);
            case Tag::kLicenseDeclared:
                return Keep(declared_, value);
            case Tag::kExternalRef:
                return ExternalRef(value);
            default:
                return Ok();
        }
    }

    // "<category> <type> <locator>": the purl and the vulnerabilities, as the JSON reader reads
    // externalRefs (by type, whatever the category).
    Status ExternalRef(std::string_view value) {
        size_t type_at = value.find_first_of(kBlank);
        std::string_view rest =
            type_at == std::string_view::npos ? "" : TrimBlank(value.substr(type_at));
        size_t locator_at = rest.find_first_of(kBlank);
        std::string_view type = rest.substr(0, locator_at);
        std::string_view locator =
            locator_at == std::string_view::npos ? "" : TrimBlank(rest.substr(locator_at));
        if (type == "purl" && package_.purl.empty()) {
            return Keep(package_.purl, locator);
        }
        if (type == "vulnerability" || type == "advisory") {
            std::string id;
            KENSA_TRY(Keep(id, locator));
            package_.vulnerabilities.push_back(std::move(id));
            ++stats_.vulnerabilities;
        }
        return Ok();
    }

    Status EndPackage() {
        if (!in_package_) {
            return Ok();
        }
        in_package_ = false;
        for (const std::string* l : {&concluded_, &declared_}) {
            if (!l->empty() && *l != "NOASSERTION" && *l != "NONE") {
                package_.license = *l;
                package_.licenses.push_back({ports::SbomLicense::Kind::kExpression, *l});
                break;
            }
        }
        concluded_.clear();
        declared_.clear();
        ports::SbomComponent done = std::move(package_);
        package_ = {};
        ++stats_.components;
        if (visitor_.component) {
            visitor_.component(std::move(done));
        }
        return Ok();
    }

    Visitor visitor_;
    StreamLimits limits_;
    std::optional<Error> error_;
    bool finished_ = false;
    ports::SbomReadStats stats_;

    size_t line_no_;    // of the line being read
    std::string line_;  // the start of a line split between chunks
    size_t peak_line_ = 0;

    bool in_text_ = false;  // inside a <text> value that began on an earlier line
    std::string text_tag_;
    size_t text_line_ = 0;
    std::string text_;

    bool in_package_ = false;
    ports::SbomComponent package_;
    size_t package_line_ = 0;
    size_t package_bytes_ = 0;  // of the package's values kept
    std::string concluded_;
    std::string declared_;

    std::string spdx_version_;
    std::string name_;
    std::string namespace_;
};

SpdxTagValueReader::SpdxTagValueReader(Visitor visitor, StreamLimits limits, size_t first_line)
    : impl_(std::make_unique<Impl>(std::move(visitor), limits, first_line)) {}
SpdxTagValueReader::~SpdxTagValueReader() = default;

Status SpdxTagValueReader::Feed(std::string_view chunk) {
    return impl_->Feed(chunk);
}

Result<ports::SbomReadStats> SpdxTagValueReader::Finish(ports::SbomDocumentInfo* info) {
    return impl_->Finish(info);
}

size_t SpdxTagValueReader::peak_line_bytes() const {
    return impl_->peak_line_bytes();
}

}  // namespace kensa::sbom
