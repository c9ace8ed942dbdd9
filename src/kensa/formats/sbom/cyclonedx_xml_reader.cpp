#include "kensa/formats/sbom/cyclonedx_xml_reader.h"

#include <expat.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <exception>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "kensa/common/strings.h"
#include "kensa/formats/sbom/sbom_elements.h"

namespace kensa::sbom {
namespace {

using elements::Invalid;
using elements::Quote;
using Kind = ports::SbomLicense::Kind;

constexpr std::string_view kCdxNamespace = "http://cyclonedx.org/schema/bom/";
// Separates an element's namespace URI from its local name in expat's names; URIs hold no space.
constexpr XML_Char kNsSeparator = ' ';
// CycloneDX components may nest; bounded as the JSON reader bounds them.
constexpr int kMaxComponentNesting = 16;

// --- expat's memory, held to a budget --------------------------------------------------------
//
// Expat grows its buffer to hold the longest token (a start tag with its attributes) and keeps a
// table of every distinct element and attribute name; either grows with hostile input. Its
// allocations go through these functions, which count them against the budget of the reader
// whose call is running and fail (expat then reports XML_ERROR_NO_MEMORY) past it.

struct Budget {
    size_t limit = 0;
    size_t used = 0;
    size_t peak = 0;
    bool exceeded = false;
};

thread_local Budget* current_budget = nullptr;

// Sets the budget that expat's allocations count against while a reader calls into expat.
class BudgetScope {
public:
    explicit BudgetScope(Budget* budget) : previous_(current_budget) { current_budget = budget; }
    ~BudgetScope() { current_budget = previous_; }
    BudgetScope(const BudgetScope&) = delete;
    BudgetScope& operator=(const BudgetScope&) = delete;

private:
    Budget* previous_;
};

// Before each block: its size and the budget it counts against (kept aligned for any type).
struct alignas(std::max_align_t) BlockHeader {
    size_t size;
    Budget* budget;
};

bool Affordable(const Budget* b, size_t more) {
    return b == nullptr || (more <= b->limit && b->used <= b->limit - more);
}

void Count(Budget* b, size_t old_size, size_t new_size) {
    if (b != nullptr) {
        b->used = b->used - old_size + new_size;
        b->peak = std::max(b->peak, b->used);
    }
}

void* BudgetMalloc(size_t size) {
    Budget* b = current_budget;
    if (!Affordable(b, size) || size > SIZE_MAX - sizeof(BlockHeader)) {
        if (b != nullptr) {
            b->exceeded = true;
        }
        return nullptr;
    }
    auto* h = static_cast<BlockHeader*>(std::malloc(sizeof(BlockHeader) + size));
    if (h == nullptr) {
        return nullptr;
    }
    h->size = size;
    h->budget = b;
    Count(b, 0, size);
    return h + 1;
}

void BudgetFree(void* p) {
    if (p == nullptr) {
        return;
    }
    auto* h = static_cast<BlockHeader*>(p) - 1;
    Count(h->budget, h->size, 0);
    std::free(h);
}

void* BudgetRealloc(void* p, size_t size) {
    if (p == nullptr) {
        return BudgetMalloc(size);
    }
    auto* h = static_cast<BlockHeader*>(p) - 1;
    Budget* b = h->budget;
    size_t old_size = h->size;
    if ((size > old_size && !Affordable(b, size - old_size)) ||
        size > SIZE_MAX - sizeof(BlockHeader)) {
        if (b != nullptr) {
            b->exceeded = true;
        }
        return nullptr;
    }
    auto* moved = static_cast<BlockHeader*>(std::realloc(h, sizeof(BlockHeader) + size));
    if (moved == nullptr) {
        return nullptr;
    }
    moved->size = size;
    Count(b, old_size, size);
    return moved + 1;
}

const XML_Memory_Handling_Suite kBudgetSuite = {BudgetMalloc, BudgetRealloc, BudgetFree};

// What an element of the document is to the reader. Everything it does not read is kOther,
// and so is everything inside such an element.
enum class Node : uint8_t {
    kOther,
    kBom,
    kMetadata,
    kMetaComponent,
    kMetaName,
    kMetaProperties,
    kMetaProperty,
    kComponents,   // bom/components
    kComponent,    // a component of bom/components or of a component's components
    kNestedList,   // component/components
    kName,         // component/name
    kVersion,      // component/version
    kGroup,        // component/group
    kPurl,         // component/purl
    kLicenses,     // component/licenses
    kLicense,      // licenses/license
    kLicenseId,    // license/id
    kLicenseName,  // license/name
    kExpression,   // licenses/expression
    kProperties,   // component/properties
    kProperty,     // properties/property
    kVulnerabilities,
    kVulnerability,
    kVulnId,     // vulnerability/id
    kAffects,    // vulnerability/affects
    kTarget,     // affects/target
    kTargetRef,  // target/ref
};

struct Child {
    Node parent;
    std::string_view local;
    Node node;
};

constexpr Child kChildren[] = {
    {Node::kBom, "metadata", Node::kMetadata},
    {Node::kBom, "components", Node::kComponents},
    {Node::kBom, "vulnerabilities", Node::kVulnerabilities},
    {Node::kMetadata, "component", Node::kMetaComponent},
    {Node::kMetadata, "properties", Node::kMetaProperties},
    {Node::kMetaComponent, "name", Node::kMetaName},
    {Node::kMetaProperties, "property", Node::kMetaProperty},
    {Node::kComponents, "component", Node::kComponent},
    {Node::kComponent, "name", Node::kName},
    {Node::kComponent, "version", Node::kVersion},
    {Node::kComponent, "group", Node::kGroup},
    {Node::kComponent, "purl", Node::kPurl},
    {Node::kComponent, "licenses", Node::kLicenses},
    {Node::kComponent, "properties", Node::kProperties},
    {Node::kComponent, "components", Node::kNestedList},
    {Node::kNestedList, "component", Node::kComponent},
    {Node::kLicenses, "license", Node::kLicense},
    {Node::kLicenses, "expression", Node::kExpression},
    {Node::kLicense, "id", Node::kLicenseId},
    {Node::kLicense, "name", Node::kLicenseName},
    {Node::kProperties, "property", Node::kProperty},
    {Node::kVulnerabilities, "vulnerability", Node::kVulnerability},
    {Node::kVulnerability, "id", Node::kVulnId},
    {Node::kVulnerability, "affects", Node::kAffects},
    {Node::kAffects, "target", Node::kTarget},
    {Node::kTarget, "ref", Node::kTargetRef},
};

Node Classify(Node parent, std::string_view local) {
    for (const auto& c : kChildren) {
        if (c.parent == parent && c.local == local) {
            return c.node;
        }
    }
    return Node::kOther;
}

// Elements whose text the reader keeps.
bool IsLeaf(Node n) {
    switch (n) {
        case Node::kMetaName:
        case Node::kMetaProperty:
        case Node::kName:
        case Node::kVersion:
        case Node::kGroup:
        case Node::kPurl:
        case Node::kLicenseId:
        case Node::kLicenseName:
        case Node::kExpression:
        case Node::kProperty:
        case Node::kVulnId:
        case Node::kTargetRef:
            return true;
        default:
            return false;
    }
}

// XML whitespace at both ends removed (the values read are normalizedString or token).
std::string TrimXml(const std::string& s) {
    constexpr std::string_view kSpace = " \t\r\n";
    size_t b = s.find_first_not_of(kSpace);
    if (b == std::string::npos) {
        return {};
    }
    return s.substr(b, s.find_last_not_of(kSpace) - b + 1);
}

// "1.4" from "http://cyclonedx.org/schema/bom/1.4"; "" when the URI is not CycloneDX's.
std::string SpecVersionOf(std::string_view uri) {
    if (!StartsWith(uri, kCdxNamespace)) {
        return {};
    }
    std::string_view v = uri.substr(kCdxNamespace.size());
    if (v.size() < 3 || v.substr(0, 2) != "1.") {
        return {};
    }
    for (char c : v.substr(2)) {
        if (c < '0' || c > '9') {
            return {};
        }
    }
    return std::string(v);
}

}  // namespace

class CycloneDxXmlReader::Impl {
public:
    Impl(Visitor visitor, StreamLimits limits, size_t first_line, size_t slice_bytes)
        : visitor_(std::move(visitor)),
          limits_(limits),
          first_line_(first_line),
          slice_(std::clamp<size_t>(slice_bytes, 1, kXmlSliceBytes)) {
        // Room for the longest token the element limit allows, copied a few times over (the
        // buffer grows by doubling, attribute values are copied into a pool), and the tables.
        constexpr size_t kTables = size_t{8} << 20;
        budget_.limit = limits_.max_element_bytes > (SIZE_MAX - kTables) / 4
                            ? SIZE_MAX
                            : 4 * limits_.max_element_bytes + kTables;
        const XML_Char separator[] = {kNsSeparator, '\0'};
        BudgetScope scope(&budget_);
        parser_ = XML_ParserCreate_MM(nullptr, &kBudgetSuite, separator);
        if (parser_ == nullptr) {
            error_ = Error(ErrorCode::kInternal, "SBOM document: cannot create an XML parser");
            return;
        }
        XML_SetUserData(parser_, this);
        XML_SetElementHandler(parser_, &Impl::OnStart, &Impl::OnEnd);
        XML_SetCharacterDataHandler(parser_, &Impl::OnText);
        XML_SetStartDoctypeDeclHandler(parser_, &Impl::OnDoctype);
        XML_SetEntityDeclHandler(parser_, &Impl::OnEntityDecl);
        XML_SetParamEntityParsing(parser_, XML_PARAM_ENTITY_PARSING_NEVER);
        stack_.reserve(static_cast<size_t>(std::max(limits_.max_depth, 0)) + 1);
    }

    ~Impl() {
        if (parser_ != nullptr) {
            BudgetScope scope(&budget_);
            XML_ParserFree(parser_);
        }
    }

    Impl(const Impl&) = delete;
    Impl& operator=(const Impl&) = delete;

    Status Feed(std::string_view chunk) {
        if (error_) {
            return *error_;
        }
        if (finished_) {
            return Error(ErrorCode::kInternal, "SBOM document: Feed after Finish");
        }
        if (input_.size() + chunk.size() < slice_) {
            input_.append(chunk);
            return Ok();
        }
        if (!input_.empty()) {
            size_t fill = slice_ - input_.size();
            input_.append(chunk.substr(0, fill));
            chunk.remove_prefix(fill);
            KENSA_TRY(Parse(input_, false));
            input_.clear();
        }
        for (; chunk.size() >= slice_; chunk.remove_prefix(slice_)) {
            KENSA_TRY(Parse(chunk.substr(0, slice_), false));
        }
        input_.assign(chunk);
        return Ok();
    }

    Result<ports::SbomReadStats> Finish(ports::SbomDocumentInfo* info) {
        if (error_) {
            return *error_;
        }
        if (finished_) {
            return Error(ErrorCode::kInternal, "SBOM document: Finish called twice");
        }
        finished_ = true;
        KENSA_TRY(Parse(input_, true));
        input_ = {};
        if (info != nullptr) {
            ports::SbomDocumentInfo read;
            read.format = "cyclonedx";
            read.spec_version = spec_version_;
            read.name = std::move(meta_name_);
            read.properties = std::move(meta_properties_);
            read.platform = std::move(operating_system_);
            *info = std::move(read);
        }
        return stats_;
    }

    size_t peak_parser_bytes() const { return budget_.peak; }
    size_t peak_element_bytes() const { return peak_element_; }

private:
    struct Frame {
        Node node = Node::kOther;
        int component = -1;  // index in pending_ of the component the element belongs to
        int nesting = 0;     // of that component: 0 for a component of bom/components
    };

    Status Parse(std::string_view bytes, bool final) {
        enum XML_Status status;
        {
            BudgetScope scope(&budget_);
            status = XML_Parse(parser_,
                               bytes.data(),
                               static_cast<int>(bytes.size()),
                               final ? XML_TRUE : XML_FALSE);
        }
        if (thrown_) {
            error_ = Error(ErrorCode::kInternal, "SBOM document: the visitor threw");
            ReleaseHeld();
            std::rethrow_exception(std::exchange(thrown_, nullptr));
        }
        if (status != XML_STATUS_ERROR && !error_) {
            return Ok();
        }
        if (!error_) {
            XML_Error code = XML_GetErrorCode(parser_);
            if (code == XML_ERROR_NO_MEMORY && budget_.exceeded) {
                error_ = At("the XML parser would need more than " + std::to_string(budget_.limit) +
                            " bytes (a tag too large, or too many distinct names)");
            } else {
                error_ = At(std::string("not well-formed XML: ") + XML_ErrorString(code));
            }
        }
        ReleaseHeld();
        return *error_;
    }

    // A failed document keeps nothing.
    void ReleaseHeld() {
        input_ = {};
        pending_ = {};
        text_ = {};
        vuln_refs_ = {};
    }

    size_t Line() const {
        return static_cast<size_t>(XML_GetCurrentLineNumber(parser_)) + first_line_ - 1;
    }

    Error At(const std::string& what) const {
        return Invalid("line " + std::to_string(Line()) + ": " + what);
    }

    bool Stopped() const { return error_.has_value() || thrown_ != nullptr; }

    void Fail(const std::string& what) {
        if (!Stopped()) {
            error_ = At(what);
        }
        XML_StopParser(parser_, XML_FALSE);
    }

    // Runs a handler's body; an exception (the visitor's, or bad_alloc) must not unwind through
    // expat, so it is kept and rethrown once XML_Parse has returned.
    template <class Fn>
    static void Guarded(void* user, Fn&& fn) {
        auto* self = static_cast<Impl*>(user);
        if (self->Stopped()) {
            return;  // expat may call a handler or two after XML_StopParser
        }
        try {
            fn(*self);
        } catch (...) {
            self->thrown_ = std::current_exception();
            XML_StopParser(self->parser_, XML_FALSE);
        }
    }

    static void XMLCALL OnStart(void* user, const XML_Char* name, const XML_Char** atts) {
        Guarded(user, [&](Impl& self) { self.Start(name, atts); });
    }
    static void XMLCALL OnEnd(void* user, const XML_Char* /*name*/) {
        Guarded(user, [&](Impl& self) { self.End(); });
    }
    static void XMLCALL OnText(void* user, const XML_Char* s, int len) {
        Guarded(user,
                [&](Impl& self) { self.Text(std::string_view(s, static_cast<size_t>(len))); });
    }
    static void XMLCALL OnDoctype(void* user,
                                  const XML_Char* /*name*/,
                                  const XML_Char* /*sysid*/,
                                  const XML_Char* /*pubid*/,
                                  int /*has_internal_subset*/) {
        Guarded(user, [&](Impl& self) { self.Fail("XML with a DTD is not accepted"); });
    }
    static void XMLCALL OnEntityDecl(void* user,
                                     const XML_Char* /*name*/,
                                     int /*is_parameter_entity*/,
                                     const XML_Char* /*value*/,
                                     int /*value_length*/,
                                     const XML_Char* /*base*/,
                                     const XML_Char* /*system_id*/,
                                     const XML_Char* /*public_id*/,
                                     const XML_Char* /*notation_name*/) {
        Guarded(user, [&](Impl& self) { self.Fail("XML with a DTD is not accepted"); });
    }

    static std::string_view Attribute(const XML_Char** atts, std::string_view name) {
        for (size_t i = 0; atts[i] != nullptr && atts[i + 1] != nullptr; i += 2) {
            if (name == atts[i]) {
                return atts[i + 1];
            }
        }
        return {};
    }

    // The local name of an element of the document's namespace; nullopt for any other.
    std::optional<std::string_view> Local(std::string_view name) const {
        if (name.size() > ns_.size() && StartsWith(name, ns_) && name[ns_.size()] == kNsSeparator) {
            return name.substr(ns_.size() + 1);
        }
        return std::nullopt;
    }

    // The element being held (a component tree, the metadata, a vulnerability) stays within
    // max_element_bytes of the document.
    bool WithinElement(size_t end_offset) {
        if (capture_start_ < 0) {
            return true;
        }
        XML_Index here = XML_GetCurrentByteIndex(parser_);
        if (here < capture_start_) {
            return true;
        }
        size_t span = static_cast<size_t>(here - capture_start_) + end_offset;
        peak_element_ = std::max(peak_element_, span);
        if (span > limits_.max_element_bytes) {
            Fail(capture_what_ + " larger than " + std::to_string(limits_.max_element_bytes) +
                 " bytes");
            return false;
        }
        return true;
    }

    void Capture(std::string what) {
        capture_start_ = XML_GetCurrentByteIndex(parser_);
        capture_what_ = std::move(what);
    }

    void Start(const XML_Char* name, const XML_Char** atts) {
        text_run_ = 0;
        if (limits_.max_depth <= 0 || stack_.size() >= static_cast<size_t>(limits_.max_depth)) {
            Fail("XML nested deeper than " + std::to_string(limits_.max_depth) + " levels");
            return;
        }
        if (!WithinElement(0)) {
            return;
        }
        if (stack_.empty()) {
            StartRoot(name);
            return;
        }
        const Frame& parent = stack_.back();
        Frame frame{Node::kOther, parent.component, parent.nesting};
        if (auto local = Local(name)) {
            frame.node = Classify(parent.node, *local);
        }
        switch (frame.node) {
            case Node::kMetadata:
                Capture("<metadata>");
                break;
            case Node::kComponent:
                if (parent.node == Node::kComponents) {
                    Capture("components[" + std::to_string(top_components_) +
                            "]: a component (with the components nested in it)");
                    pending_.clear();
                    frame.nesting = 0;
                } else if (++frame.nesting > kMaxComponentNesting) {
                    Fail("components[" + std::to_string(top_components_) +
                         "]: components nested deeper than " +
                         std::to_string(kMaxComponentNesting) + " levels");
                    return;
                }
                frame.component = static_cast<int>(pending_.size());
                pending_.emplace_back();
                pending_.back().ref = Attribute(atts, "bom-ref");
                pending_.back().type = Attribute(atts, "type");
                break;
            case Node::kLicense:
                license_id_.clear();
                license_name_.clear();
                break;
            case Node::kMetaProperty:
            case Node::kProperty:
                property_name_ = Attribute(atts, "name");
                break;
            case Node::kVulnerability:
                Capture("a vulnerability");
                vuln_id_.clear();
                vuln_refs_.clear();
                vuln_has_affects_ = false;
                break;
            case Node::kAffects:
                vuln_has_affects_ = true;
                break;
            case Node::kTarget:
                target_ref_.clear();
                break;
            default:
                break;
        }
        if (IsLeaf(frame.node)) {
            text_.clear();
        }
        stack_.push_back(frame);
    }

    void StartRoot(std::string_view name) {
        size_t sep = name.rfind(kNsSeparator);
        std::string_view uri = sep == std::string_view::npos ? "" : name.substr(0, sep);
        std::string_view local = sep == std::string_view::npos ? name : name.substr(sep + 1);
        spec_version_ = SpecVersionOf(uri);
        if (local != "bom" || spec_version_.empty()) {
            Fail("the root element is " + Quote(local) +
                 (uri.empty() ? std::string(" in no namespace") : " in namespace " + Quote(uri)) +
                 ", not a CycloneDX <bom> (namespace http://cyclonedx.org/schema/bom/1.x)");
            return;
        }
        ns_ = std::string(uri);
        stack_.push_back(Frame{Node::kBom});
    }

    void Text(std::string_view s) {
        text_run_ += s.size();
        if (text_run_ > kMaxXmlTextBytes) {
            Fail("a text value longer than " + std::to_string(kMaxXmlTextBytes) + " bytes");
            return;
        }
        if (!WithinElement(s.size())) {
            return;
        }
        if (!stack_.empty() && IsLeaf(stack_.back().node)) {
            text_.append(s);
        }
    }

    void End() {
        text_run_ = 0;
        if (stack_.empty() || !WithinElement(0)) {
            return;
        }
        Frame frame = stack_.back();
        stack_.pop_back();
        Component* c =
            frame.component >= 0 ? &pending_[static_cast<size_t>(frame.component)] : nullptr;
        switch (frame.node) {
            case Node::kMetadata:
                capture_start_ = -1;
                break;
            case Node::kMetaName:
                meta_name_ = TrimXml(text_);
                break;
            case Node::kMetaProperty:
                meta_properties_.emplace_back(property_name_, TrimXml(text_));
                break;
            case Node::kName:
                c->name = TrimXml(text_);
                break;
            case Node::kVersion:
                c->version = TrimXml(text_);
                break;
            case Node::kGroup:
                c->group = TrimXml(text_);
                break;
            case Node::kPurl:
                c->purl = TrimXml(text_);
                break;
            case Node::kLicenseId:
                license_id_ = TrimXml(text_);
                break;
            case Node::kLicenseName:
                license_name_ = TrimXml(text_);
                break;
            case Node::kLicense:
                // As in JSON, a license's id wins over its name.
                if (!license_id_.empty()) {
                    c->licenses.push_back({Kind::kId, std::move(license_id_)});
                } else if (!license_name_.empty()) {
                    c->licenses.push_back({Kind::kName, std::move(license_name_)});
                }
                break;
            case Node::kExpression:
                if (std::string e = TrimXml(text_); !e.empty()) {
                    c->licenses.push_back({Kind::kExpression, std::move(e)});
                }
                break;
            case Node::kProperty:
                c->properties.emplace_back(property_name_, TrimXml(text_));
                break;
            case Node::kComponent:
                if (frame.nesting == 0) {
                    VisitPending();
                    capture_start_ = -1;
                    ++top_components_;
                }
                break;
            case Node::kVulnId:
                vuln_id_ = TrimXml(text_);
                break;
            case Node::kTargetRef:
                target_ref_ = TrimXml(text_);
                break;
            case Node::kTarget:
                vuln_refs_.push_back(std::move(target_ref_));
                break;
            case Node::kVulnerability:
                capture_start_ = -1;
                // As in JSON, one without an id or an affects list says nothing of a component.
                if (!vuln_id_.empty() && vuln_has_affects_) {
                    ++stats_.vulnerabilities;
                    if (visitor_.vulnerability) {
                        visitor_.vulnerability(vuln_id_, vuln_refs_);
                    }
                }
                break;
            default:
                break;
        }
        if (IsLeaf(frame.node)) {
            text_.clear();
        }
    }

    // A top-level component and the components nested in it, parents first, in document order.
    void VisitPending() {
        std::vector<Component> tree = std::move(pending_);
        pending_.clear();
        for (Component& c : tree) {
            if (c.name.empty()) {
                Fail("components[" + std::to_string(top_components_) +
                     "]: a component has no name (bom-ref " + Quote(c.ref) + ")");
                return;
            }
            c.license = JoinLicenses(c.licenses);
            ++stats_.components;
            // The first operating-system component says what the subject runs, as in JSON.
            if (operating_system_.empty() && c.type == "operating-system") {
                operating_system_ = Trim(c.name + " " + c.version);
            }
            if (visitor_.component) {
                visitor_.component(std::move(c));
            }
        }
    }

    Visitor visitor_;
    StreamLimits limits_;
    size_t first_line_;
    size_t slice_;
    Budget budget_;  // outlives parser_, whose blocks count against it
    XML_Parser parser_ = nullptr;
    std::optional<Error> error_;
    std::exception_ptr thrown_;
    bool finished_ = false;
    ports::SbomReadStats stats_;

    std::string input_;  // fed, not yet given to expat: less than a slice

    std::string ns_;  // of the root <bom>
    std::string spec_version_;
    std::vector<Frame> stack_;  // the open elements, the root first
    size_t text_run_ = 0;       // bytes of the character data since the last tag
    std::string text_;          // of the open leaf element

    // The element being held: its start in the document and what it is, for messages.
    XML_Index capture_start_ = -1;
    std::string capture_what_;
    size_t peak_element_ = 0;

    std::vector<Component> pending_;  // the open top-level component's tree, parents first
    size_t top_components_ = 0;
    std::string license_id_;
    std::string license_name_;
    std::string property_name_;
    std::string vuln_id_;
    std::vector<std::string> vuln_refs_;
    bool vuln_has_affects_ = false;
    std::string target_ref_;

    std::string meta_name_;
    std::vector<std::pair<std::string, std::string>> meta_properties_;
    std::string operating_system_;
};

CycloneDxXmlReader::CycloneDxXmlReader(Visitor visitor,
                                       StreamLimits limits,
                                       size_t first_line,
                                       size_t slice_bytes)
    : impl_(std::make_unique<Impl>(std::move(visitor), limits, first_line, slice_bytes)) {}
CycloneDxXmlReader::~CycloneDxXmlReader() = default;

Status CycloneDxXmlReader::Feed(std::string_view chunk) {
    return impl_->Feed(chunk);
}

Result<ports::SbomReadStats> CycloneDxXmlReader::Finish(ports::SbomDocumentInfo* info) {
    return impl_->Finish(info);
}

size_t CycloneDxXmlReader::peak_parser_bytes() const {
    return impl_->peak_parser_bytes();
}

size_t CycloneDxXmlReader::peak_element_bytes() const {
    return impl_->peak_element_bytes();
}

}  // namespace kensa::sbom
