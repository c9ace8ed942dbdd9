#include "kensa/knowledge/eol_catalog.h"

#include <algorithm>
#include <cctype>

#include "kensa/common/strings.h"

namespace kensa::embedded {
std::string_view EolSnapshotTsv();
}  // namespace kensa::embedded

namespace kensa::knowledge {
namespace {

constexpr size_t kMaxLine = 64 * 1024;
constexpr size_t kMaxValue = 512;

Error Invalid(const std::string& what) {
    return Error(ErrorCode::kInvalidInput, "EOL data: " + what);
}

// A field as the snapshot stores it: no tabs or line breaks, bounded.
std::string Clean(std::string_view v) {
    std::string out(v.substr(0, kMaxValue));
    for (char& c : out) {
        if (c == '\t' || c == '\n' || c == '\r') {
            c = ' ';
        }
    }
    return out;
}

std::vector<std::string_view> SplitTabs(std::string_view line) {
    std::vector<std::string_view> out;
    size_t start = 0;
    while (true) {
        size_t tab = line.find('\t', start);
        out.push_back(line.substr(start, tab == std::string_view::npos ? tab : tab - start));
        if (tab == std::string_view::npos) {
            return out;
        }
        start = tab + 1;
    }
}

// A YAML scalar as the pages write them: bare, "double" or 'single' quoted, maybe followed by
// a comment.
std::string Scalar(std::string_view v) {
    std::string s = Trim(v);
    if (s.size() >= 2 && (s[0] == '"' || s[0] == '\'')) {
        size_t end = s.find(s[0], 1);
        if (end != std::string::npos) {
            return Clean(std::string_view(s).substr(1, end - 1));
        }
    }
    size_t comment = s.find(" #");
    if (comment != std::string::npos) {
        s = Trim(std::string_view(s).substr(0, comment));
    }
    return Clean(s);
}

bool IsDate(std::string_view s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') {
        return false;
    }
    for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
        if (!std::isdigit(static_cast<unsigned char>(s[i]))) {
            return false;
        }
    }
    return true;
}

// eol / eoas as the snapshot keeps them: a date, "true", or "" for false and absent.
std::string EndValue(std::string_view v) {
    std::string s = ToLower(Scalar(v));
    if (IsDate(s)) {
        return s;
    }
    return s == "true" ? "true" : "";
}

size_t Indent(std::string_view line) {
    size_t n = 0;
    while (n < line.size() && line[n] == ' ') {
        ++n;
    }
    return n;
}

// "key: value" -> (key, value); false when the line is not one.
bool KeyValue(std::string_view line, std::string_view* key, std::string_view* value) {
    size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) {
        return false;
    }
    *key = line.substr(0, colon);
    *value = line.substr(colon + 1);
    return std::all_of(key->begin(), key->end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
    });
}

void SetCycleField(EolCycle& c, std::string_view key, std::string_view value) {
    if (key == "releaseCycle") {
        c.cycle = Scalar(value);
    } else if (key == "releaseLabel") {
        c.label = Scalar(value);
    } else if (key == "releaseDate") {
        c.release_date = Scalar(value);
    } else if (key == "eol") {
        c.eol = EndValue(value);
    } else if (key == "eoas" || key == "support") {
        c.eoas = EndValue(value);
    } else if (key == "latest") {
        c.latest = Scalar(value);
    } else if (key == "latestReleaseDate") {
        c.latest_date = Scalar(value);
    } else if (key == "lts") {
        std::string v = ToLower(Scalar(value));
        c.lts = v == "true" || IsDate(v);
    }
}

Result<EolProduct> ParsePage(const std::string& name, std::string_view text) {
    EolProduct p;
    p.name = Clean(name);
    size_t pos = 0;
    auto next_line = [&](std::string_view* line) {
        if (pos >= text.size()) {
            return false;
        }
        size_t nl = text.find('\n', pos);
        size_t end = nl == std::string_view::npos ? text.size() : nl;
        *line = text.substr(pos, end - pos);
        if (!line->empty() && line->back() == '\r') {
            line->remove_suffix(1);
        }
        pos = end + 1;
        return true;
    };
    std::string_view line;
    if (!next_line(&line) || Trim(line) != "---") {
        return Invalid("product page " + p.name + " has no front matter");
    }
    enum class Section { kOther, kIdentifiers, kReleases } section = Section::kOther;
    bool closed = false;
    EolCycle* cycle = nullptr;
    while (next_line(&line)) {
        if (line.size() > kMaxLine) {
            return Invalid("product page " + p.name + " has a line over 64 KiB");
        }
        if (line == "---") {
            closed = true;
            break;
        }
        std::string_view trimmed = line.substr(Indent(line));
        if (trimmed.empty() || trimmed[0] == '#') {
            continue;
        }
        std::string_view key;
        std::string_view value;
        // A list may start at column 0 ("-   releaseCycle: ..."), as some pages write it.
        const bool column0_item = trimmed.size() >= 2 && trimmed[0] == '-' && trimmed[1] == ' ';
        if (Indent(line) == 0 && !column0_item) {
            cycle = nullptr;
            section = Section::kOther;
            if (!KeyValue(line, &key, &value)) {
                continue;
            }
            if (key == "title") {
                p.label = Scalar(value);
            } else if (key == "category") {
                p.category = Scalar(value);
            } else if (key == "identifiers") {
                section = Section::kIdentifiers;
            } else if (key == "releases") {
                section = Section::kReleases;
            }
            continue;
        }
        bool item = trimmed.size() >= 2 && trimmed[0] == '-' && trimmed[1] == ' ';
        if (item) {
            trimmed.remove_prefix(2);
            trimmed = trimmed.substr(Indent(trimmed));
        }
        if (!KeyValue(trimmed, &key, &value)) {
            continue;
        }
        if (section == Section::kIdentifiers && item) {
            if (key == "purl") {
                p.purls.push_back(Scalar(value));
            } else if (key == "cpe") {
                p.cpes.push_back(Scalar(value));
            }
        } else if (section == Section::kReleases) {
            if (item) {
                p.cycles.emplace_back();
                cycle = &p.cycles.back();
            }
            if (cycle != nullptr) {
                SetCycleField(*cycle, key, value);
            }
        }
    }
    if (!closed) {
        return Invalid("product page " + p.name + ": its front matter does not end");
    }
    std::erase_if(p.cycles, [](const EolCycle& c) { return c.cycle.empty(); });
    if (p.cycles.empty()) {
        return Invalid("product page " + p.name + " lists no release cycles");
    }
    if (p.label.empty()) {
        p.label = p.name;
    }
    return p;
}

// The version as the cycles spell it: no epoch, no "v" or "go" before the first digit.
std::string_view BareVersion(std::string_view v) {
    size_t colon = v.find(':');
    if (colon != std::string_view::npos && colon > 0 && colon < 10 &&
        std::all_of(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(colon), [](char c) {
            return std::isdigit(static_cast<unsigned char>(c));
        })) {
        v.remove_prefix(colon + 1);
    }
    if (StartsWith(v, "go")) {
        v.remove_prefix(2);
    } else if (StartsWith(v, "v") || StartsWith(v, "V")) {
        v.remove_prefix(1);
    }
    return v;
}

}  // namespace

Result<EolCatalog> EolCatalog::FromSnapshot(std::string_view text) {
    EolCatalog out;
    size_t pos = 0;
    int line_no = 0;
    while (pos < text.size()) {
        size_t nl = text.find('\n', pos);
        size_t end = nl == std::string_view::npos ? text.size() : nl;
        std::string_view line = text.substr(pos, end - pos);
        pos = end + 1;
        ++line_no;
        if (!line.empty() && line.back() == '\r') {
            line.remove_suffix(1);
        }
        if (line.empty() || line[0] == '#') {
            continue;
        }
        if (line.size() > kMaxLine) {
            return Invalid("snapshot line " + std::to_string(line_no) + " is over 64 KiB");
        }
        auto f = SplitTabs(line);
        const std::string where = "snapshot line " + std::to_string(line_no);
        if (f[0] == "P" && f.size() == 4 && !f[1].empty()) {
            out.products_.push_back({Clean(f[1]), Clean(f[2]), Clean(f[3]), {}, {}, {}});
        } else if (f[0] == "I" && f.size() == 3 && !out.products_.empty()) {
            (f[1] == "cpe" ? out.products_.back().cpes : out.products_.back().purls)
                .push_back(Clean(f[2]));
        } else if (f[0] == "C" && f.size() == 9 && !out.products_.empty() && !f[1].empty()) {
            EolCycle c{Clean(f[1]),
                       Clean(f[2]),
                       Clean(f[3]),
                       EndValue(f[4]),
                       EndValue(f[5]),
                       Clean(f[6]),
                       Clean(f[7]),
                       f[8] == "1"};
            out.products_.back().cycles.push_back(std::move(c));
        } else {
            return Invalid(where + " is not a P, I or C record with its fields");
        }
    }
    if (out.products_.empty()) {
        return Invalid("the snapshot lists no products");
    }
    out.Index();
    return out;
}

Result<EolCatalog> EolCatalog::FromProductPages(
    const std::vector<std::pair<std::string, std::string>>& pages) {
    EolCatalog out;
    for (const auto& [name, text] : pages) {
        KENSA_ASSIGN_OR_RETURN(EolProduct p, ParsePage(name, text));
        out.products_.push_back(std::move(p));
    }
    if (out.products_.empty()) {
        return Invalid("no product pages were given");
    }
    std::sort(out.products_.begin(),
              out.products_.end(),
              [](const EolProduct& a, const EolProduct& b) { return a.name < b.name; });
    out.Index();
    return out;
}

std::string EolCatalog::ToSnapshot(std::string_view header_comment) const {
    std::string out;
    for (const auto& line : Split(header_comment, '\n')) {
        if (!line.empty()) {
            out += "# " + line + "\n";
        }
    }
    for (const auto& p : products_) {
        out += "P\t" + p.name + "\t" + p.label + "\t" + p.category + "\n";
        for (const auto& purl : p.purls) {
            out += "I\tpurl\t" + purl + "\n";
        }
        for (const auto& cpe : p.cpes) {
            out += "I\tcpe\t" + cpe + "\n";
        }
        for (const auto& c : p.cycles) {
            out += "C\t" + c.cycle + "\t" + c.label + "\t" + c.release_date + "\t" + c.eol + "\t" +
                   c.eoas + "\t" + c.latest + "\t" + c.latest_date + "\t" + (c.lts ? "1" : "0") +
                   "\n";
        }
    }
    return out;
}

void EolCatalog::Index() {
    by_name_.clear();
    for (size_t i = 0; i < products_.size(); ++i) {
        by_name_.emplace(ToLower(products_[i].name), i);
    }
}

const EolProduct* EolCatalog::Find(std::string_view product) const {
    auto it = by_name_.find(ToLower(product));
    return it == by_name_.end() ? nullptr : &products_[it->second];
}

const EolCycle* EolCatalog::Cycle(std::string_view product, std::string_view cycle) const {
    const EolProduct* p = Find(product);
    if (p == nullptr) {
        return nullptr;
    }
    std::string want = ToLower(cycle);
    for (const auto& c : p->cycles) {
        if (ToLower(c.cycle) == want) {
            return &c;
        }
    }
    return nullptr;
}

const EolCycle* EolCatalog::CycleFor(std::string_view product, std::string_view version) const {
    const EolProduct* p = Find(product);
    if (p == nullptr || version.empty()) {
        return nullptr;
    }
    std::string v = ToLower(BareVersion(version));
    const EolCycle* best = nullptr;
    for (const auto& c : p->cycles) {
        std::string cyc = ToLower(c.cycle);
        if (cyc.empty() || cyc.size() > v.size() || v.compare(0, cyc.size(), cyc) != 0) {
            continue;
        }
        // A prefix counts only at a component boundary: "3.1" is not the cycle of "3.11.2",
        // while "1.0.2" is that of "1.0.2k" (a letter release) and "2.0" that of "2.0rc1".
        if (v.size() > cyc.size() && std::isdigit(static_cast<unsigned char>(v[cyc.size()]))) {
            continue;
        }
        if (best == nullptr || cyc.size() > best->cycle.size()) {
            best = &c;
        }
    }
    return best;
}

size_t EolCatalog::cycle_count() const {
    size_t n = 0;
    for (const auto& p : products_) {
        n += p.cycles.size();
    }
    return n;
}

std::string_view BuiltinEolSnapshot() {
    return embedded::EolSnapshotTsv();
}

const EolCatalog& BuiltinEolCatalog() {
    static const EolCatalog kCatalog = [] {
        auto parsed = EolCatalog::FromSnapshot(BuiltinEolSnapshot());
        return parsed.ok() ? std::move(parsed).value() : EolCatalog{};
    }();
    return kCatalog;
}

}  // namespace kensa::knowledge
