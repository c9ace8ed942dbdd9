#include "kensa/formats/sbom/sbom_stream_reader.h"

#include <simdjson.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>

#include "kensa/common/strings.h"
#include "kensa/domain/bom_ref_links.h"
#include "kensa/formats/json/element_reader.h"
#include "kensa/formats/sbom/sbom_elements.h"

namespace kensa::sbom {
namespace {

using elements::Invalid;
using simdjson::dom::element;

}  // namespace

// The reader is formats/json's streaming scanner with a small semantic layer on top: it tracks
// the members of the top-level object, buffers the elements of the lists it reads and the few
// scalars it needs, and parses each of those alone with a reused simdjson parser. Everything
// else is checked and forgotten.
class StreamReader::Impl final : public formats::json::ElementReader {
public:
    Impl(Visitor visitor, StreamLimits limits)
        : ElementReader(limits.max_depth, "SBOM document: ", limits.max_element_bytes),
          visitor_(std::move(visitor)) {
        // The first operating-system component says what the subject runs (sbomgen, syft).
        component_ = [this](ports::SbomComponent&& c) {
            if (operating_system_.empty() && c.type == "operating-system") {
                operating_system_ = Trim(c.name + " " + c.version);
            }
            if (visitor_.component) {
                visitor_.component(std::move(c));
            }
        };
    }

    Status Feed(std::string_view chunk) {
        if (error_) {
            return *error_;
        }
        if (finished_) {
            return Error(ErrorCode::kInternal, "SBOM document: Feed after Finish");
        }
        if (chunk.empty()) {
            return Ok();
        }
        Status scanned = scanner_.Scan(chunk);
        if (!scanned.ok()) {
            error_ = scanned.error();
            capture_.Release();  // a failed document keeps nothing
        }
        return scanned;
    }

    Result<ReadStats> Finish(DocumentInfo* info) {
        if (error_) {
            return *error_;
        }
        if (finished_) {
            return Error(ErrorCode::kInternal, "SBOM document: Finish called twice");
        }
        finished_ = true;
        DocumentInfo read;
        auto done = Complete(read);
        if (!done.ok()) {
            error_ = done.error();
            return *error_;
        }
        if (info != nullptr) {
            *info = std::move(read);
        }
        return stats_;
    }

    size_t peak_buffer_bytes() const { return capture_.peak_bytes(); }

private:
    enum class Format : uint8_t { kUnknown, kCycloneDx, kSpdx };
    // Top-level members the reader looks at; kNone for every other one.
    enum class Member : uint8_t {
        kNone,
        kBomFormat,
        kSpecVersion,
        kSpdxVersion,
        kName,
        kDocumentNamespace,
        kMetadata,
        kComponents,
        kVulnerabilities,
        kPackages,
    };

    static constexpr std::pair<std::string_view, Member> kMembers[] = {
        {"bomFormat", Member::kBomFormat},
        {"specVersion", Member::kSpecVersion},
        {"spdxVersion", Member::kSpdxVersion},
        {"name", Member::kName},
        {"documentNamespace", Member::kDocumentNamespace},
        {"metadata", Member::kMetadata},
        {"components", Member::kComponents},
        {"vulnerabilities", Member::kVulnerabilities},
        {"packages", Member::kPackages},
    };

    static std::string_view MemberName(Member m) {
        for (const auto& [name, member] : kMembers) {
            if (member == m) {
                return name;
            }
        }
        return "?";
    }

    static uint32_t Bit(Member m) { return uint32_t{1} << static_cast<unsigned>(m); }

    Format KnownFormat() const {
        if (bom_format_ == "CycloneDX") {
            return Format::kCycloneDx;
        }
        if ((read_ & Bit(Member::kBomFormat)) && !spdx_version_.empty()) {
            return Format::kSpdx;
        }
        return Format::kUnknown;
    }

    Status OnTopLevelKey(const std::string& key, bool overflow) override {
        member_ = Member::kNone;
        if (overflow) {
            return Ok();
        }
        for (const auto& [name, member] : kMembers) {
            if (key == name) {
                member_ = member;
            }
        }
        if (member_ == Member::kNone) {
            return Ok();
        }
        if (keys_ & Bit(member_)) {
            return Invalid("the top-level key '" + key + "' appears twice");
        }
        keys_ |= Bit(member_);
        return Ok();
    }

    // `c` starts a value whose container is the top of the stack.
    Status OnValueStart(char c, size_t i) override {
        if (scanner_.depth() == 1) {
            return OnMemberStart(c, i);
        }
        if (scanner_.depth() != 2 || list_ == Member::kNone) {
            return Ok();
        }
        element_index_ = elements_++;
        lists_seen_ |= Bit(list_);
        if (c == '{') {
            Capture(i);
            return Ok();
        }
        if (list_ == Member::kVulnerabilities) {
            return Ok();  // says nothing about a component
        }
        return Invalid(ElementWhere() +
                       (list_ == Member::kComponents ? ": a component" : ": a package") +
                       " is not an object");
    }

    Status OnMemberStart(char c, size_t i) {
        switch (member_) {
            case Member::kNone:
                return Ok();
            case Member::kComponents:
            case Member::kVulnerabilities:
            case Member::kPackages: {
                Format known = KnownFormat();
                if ((known == Format::kCycloneDx && member_ == Member::kPackages) ||
                    (known == Format::kSpdx && member_ != Member::kPackages)) {
                    return Ok();  // a list of the other format: skipped, as a whole document read
                                  // would
                }
                if (c != '[') {
                    not_lists_ |= Bit(member_);
                    return Ok();
                }
                list_ = member_;
                elements_ = 0;
                return Ok();
            }
            default:
                Capture(i);
                return Ok();
        }
    }

    void OnMemberEnd() override { list_ = Member::kNone; }

    // Names the value being captured in errors: "'metadata'" or "components[3]".
    std::string Where() const override {
        if (capture_.depth() == 1) {
            return "'" + std::string(MemberName(member_)) + "'";
        }
        return ElementWhere();
    }

    std::string ElementWhere() const {
        return std::string(MemberName(list_)) + "[" + std::to_string(element_index_) + "]";
    }

    // The buffered value is complete, parsed alone: read it.
    Status OnElement(const element& e) override {
        if (capture_.depth() == 1) {
            ReadMember(e);
            return Ok();
        }
        switch (list_) {
            case Member::kComponents:
                return elements::VisitCdxComponent(e, 0, Where(), stats_, component_);
            case Member::kPackages:
                return elements::VisitSpdxPackage(e, Where(), stats_, visitor_.component);
            default:
                elements::VisitCdxVulnerability(e, stats_, visitor_.vulnerability);
                return Ok();
        }
    }

    void ReadMember(const element& e) {
        std::string_view text;
        std::string value =
            e.get_string().get(text) == simdjson::SUCCESS ? std::string(text) : std::string();
        read_ |= Bit(member_);
        switch (member_) {
            case Member::kBomFormat:
                bom_format_ = std::move(value);
                break;
            case Member::kSpecVersion:
                spec_version_ = std::move(value);
                break;
            case Member::kSpdxVersion:
                spdx_version_ = std::move(value);
                break;
            case Member::kName:
                name_ = std::move(value);
                break;
            case Member::kDocumentNamespace:
                namespace_ = std::move(value);
                break;
            default:  // metadata
                if (e.is_object()) {
                    meta_properties_ = elements::Properties(e);
                    element subject;
                    if (e["component"].get(subject) == simdjson::SUCCESS && subject.is_object()) {
                        meta_name_ = elements::Str(subject, "name");
                    }
                }
                break;
        }
    }

    Status Complete(DocumentInfo& info) {
        KENSA_TRY(scanner_.Finish());
        if (bom_format_ == "CycloneDX") {
            if (lists_seen_ & Bit(Member::kPackages)) {
                return Invalid(
                    "a CycloneDX document (bomFormat) with an SPDX 'packages' list before its "
                    "bomFormat");
            }
            if (not_lists_ & Bit(Member::kComponents)) {
                return Invalid("'components' is not a list");
            }
            info.format = "cyclonedx";
            info.spec_version = spec_version_;
            info.name = meta_name_;
            info.properties = meta_properties_;
            info.platform = operating_system_;
            return Ok();
        }
        if (!spdx_version_.empty()) {
            for (Member list : {Member::kComponents, Member::kVulnerabilities}) {
                if (lists_seen_ & Bit(list)) {
                    return Invalid("an SPDX document (spdxVersion) with a CycloneDX '" +
                                   std::string(MemberName(list)) +
                                   "' list before its format was known");
                }
            }
            if (not_lists_ & Bit(Member::kPackages)) {
                return Invalid("'packages' is not a list");
            }
            info.format = "spdx";
            info.spec_version = spdx_version_;
            info.name = name_;
            info.document_namespace = namespace_;
            return Ok();
        }
        return Invalid("neither CycloneDX (bomFormat) nor SPDX (spdxVersion)");
    }

    Visitor visitor_;
    ComponentFn component_;  // visitor_.component, after noting the OS component
    std::optional<Error> error_;
    bool finished_ = false;
    ReadStats stats_;

    // Top-level object.
    Member member_ = Member::kNone;  // of the last top-level key
    uint32_t keys_ = 0;              // Bit() of the members seen
    uint32_t read_ = 0;              // Bit() of the member values read
    uint32_t lists_seen_ = 0;        // Bit() of the lists with at least one element read
    uint32_t not_lists_ = 0;         // Bit() of the list members whose value is not a list
    Member list_ = Member::kNone;    // the list being read
    size_t elements_ = 0;            // elements of list_ so far
    size_t element_index_ = 0;       // of the element being captured
    std::string bom_format_;
    std::string spec_version_;
    std::string spdx_version_;
    std::string name_;
    std::string namespace_;
    std::string meta_name_;
    std::string operating_system_;  // of the first CycloneDX operating-system component
    std::vector<std::pair<std::string, std::string>> meta_properties_;
};

StreamReader::StreamReader(Visitor visitor, StreamLimits limits)
    : impl_(std::make_unique<Impl>(std::move(visitor), limits)) {}
StreamReader::~StreamReader() = default;
StreamReader::StreamReader(StreamReader&&) noexcept = default;
StreamReader& StreamReader::operator=(StreamReader&&) noexcept = default;

Status StreamReader::Feed(std::string_view chunk) {
    return impl_->Feed(chunk);
}

Result<ReadStats> StreamReader::Finish(DocumentInfo* info) {
    return impl_->Finish(info);
}

size_t StreamReader::peak_buffer_bytes() const {
    return impl_->peak_buffer_bytes();
}

Result<ReadStats> ReadSbom(std::string_view json,
                           DocumentInfo* info,
                           const ComponentFn& on_component) {
    std::vector<Component> components;
    domain::BomRefLinks links(json.size());  // a whole document in memory bounds its references
    auto link = [&](size_t row, const std::string& vuln) {
        components[row].vulnerabilities.push_back(vuln);
    };
    StreamReader::Visitor visitor;
    visitor.component = [&](Component&& c) {
        links.AddComponent(c.ref, components.size());
        components.push_back(std::move(c));
    };
    visitor.vulnerability = [&](const std::string& id, const std::vector<std::string>& refs) {
        links.AddAffects(id, refs, link);
    };
    StreamReader reader(std::move(visitor));
    KENSA_TRY(reader.Feed(json));
    DocumentInfo read;
    KENSA_ASSIGN_OR_RETURN(ReadStats stats, reader.Finish(&read));
    stats.dangling_refs += links.Finish(link);
    *info = std::move(read);
    for (Component& c : components) {
        on_component(std::move(c));
    }
    return stats;
}

}  // namespace kensa::sbom
