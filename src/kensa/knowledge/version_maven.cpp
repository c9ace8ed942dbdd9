// Maven versions: a port of org.apache.maven.artifact.versioning.ComparableVersion
// (maven-artifact 3.8): the version is parsed into nested lists of integer and string items
// ('.' separates items, '-' and letter/digit transitions open a sub-list), trailing null items
// (0, "", ga, final, release) are trimmed, and qualifiers order
// alpha < beta < milestone < rc = cr < snapshot < "" = ga = final = release < sp < unknown.
#include <array>
#include <memory>
#include <string>
#include <vector>

#include "kensa/knowledge/version.h"

namespace kensa::knowledge::internal {
namespace {

enum class ItemType { kInt, kString, kList };

struct Item {
    ItemType type = ItemType::kInt;
    std::string text;  ///< kInt: digits without leading zeros ("" is 0); kString: the qualifier
    std::vector<std::unique_ptr<Item>> list;  ///< kList
};

using ItemPtr = std::unique_ptr<Item>;

constexpr std::array<std::string_view, 7> kQualifiers = {
    "alpha", "beta", "milestone", "rc", "snapshot", "", "sp"};
constexpr std::string_view kReleaseVersionIndex = "5";

bool IsDigit(char c) {
    return c >= '0' && c <= '9';
}

// StringItem.comparableQualifier: the qualifier's index, or "7-<qualifier>" when unknown.
std::string ComparableQualifier(const std::string& qualifier) {
    for (size_t i = 0; i < kQualifiers.size(); ++i) {
        if (kQualifiers[i] == qualifier) {
            return std::to_string(i);
        }
    }
    return std::to_string(kQualifiers.size()) + "-" + qualifier;
}

ItemPtr MakeInt(std::string_view digits) {
    auto item = std::make_unique<Item>();
    item->type = ItemType::kInt;
    size_t nz = digits.find_first_not_of('0');
    item->text = nz == std::string_view::npos ? std::string() : std::string(digits.substr(nz));
    return item;
}

ItemPtr MakeString(std::string value, bool followed_by_digit) {
    if (followed_by_digit && value.size() == 1) {
        if (value == "a") {
            value = "alpha";
        } else if (value == "b") {
            value = "beta";
        } else if (value == "m") {
            value = "milestone";
        }
    }
    if (value == "ga" || value == "final" || value == "release") {
        value = "";
    } else if (value == "cr") {
        value = "rc";
    }
    auto item = std::make_unique<Item>();
    item->type = ItemType::kString;
    item->text = std::move(value);
    return item;
}

ItemPtr MakeList() {
    auto item = std::make_unique<Item>();
    item->type = ItemType::kList;
    return item;
}

ItemPtr ParseItem(bool is_digit, std::string_view buf) {
    return is_digit ? MakeInt(buf) : MakeString(std::string(buf), false);
}

bool IsNull(const Item& item) {
    switch (item.type) {
        case ItemType::kInt:
            return item.text.empty();
        case ItemType::kString:
            return ComparableQualifier(item.text) == kReleaseVersionIndex;
        case ItemType::kList:
            return item.list.empty();
    }
    return false;
}

// ListItem.normalize: drops trailing null items, stopping at the first non-list non-null item.
void Normalize(Item& list) {
    for (size_t i = list.list.size(); i-- > 0;) {
        const Item& last = *list.list[i];
        if (IsNull(last)) {
            list.list.erase(list.list.begin() + static_cast<std::ptrdiff_t>(i));
        } else if (last.type != ItemType::kList) {
            break;
        }
    }
}

ItemPtr ParseMaven(std::string_view input) {
    std::string version(input);
    for (char& c : version) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    ItemPtr root = MakeList();
    Item* list = root.get();
    std::vector<Item*> stack = {list};
    auto push_list = [&]() {
        list->list.push_back(MakeList());
        list = list->list.back().get();
        stack.push_back(list);
    };
    bool is_digit = false;
    size_t start = 0;
    std::string_view v = version;
    for (size_t i = 0; i < v.size(); ++i) {
        char c = v[i];
        if (c == '.') {
            if (i == start) {
                list->list.push_back(MakeInt("0"));
            } else {
                list->list.push_back(ParseItem(is_digit, v.substr(start, i - start)));
            }
            start = i + 1;
        } else if (c == '-') {
            if (i == start) {
                list->list.push_back(MakeInt("0"));
            } else {
                list->list.push_back(ParseItem(is_digit, v.substr(start, i - start)));
            }
            start = i + 1;
            push_list();
        } else if (IsDigit(c)) {
            if (!is_digit && i > start) {
                // 1.0.0.X1 < 1.0.0-X2: treat .X as -X for any string qualifier X.
                if (!list->list.empty()) {
                    push_list();
                }
                list->list.push_back(MakeString(std::string(v.substr(start, i - start)), true));
                start = i;
                push_list();
            }
            is_digit = true;
        } else {
            if (is_digit && i > start) {
                list->list.push_back(ParseItem(true, v.substr(start, i - start)));
                start = i;
                push_list();
            }
            is_digit = false;
        }
    }
    if (v.size() > start) {
        // The same for a qualifier at the end.
        if (!is_digit && !list->list.empty()) {
            push_list();
        }
        list->list.push_back(ParseItem(is_digit, v.substr(start)));
    }
    while (!stack.empty()) {
        Normalize(*stack.back());
        stack.pop_back();
    }
    return root;
}

int CompareItems(const Item* a, const Item* b);

// Item.compareTo(null).
int CompareWithNull(const Item& a) {
    switch (a.type) {
        case ItemType::kInt:
            return a.text.empty() ? 0 : 1;
        case ItemType::kString:
            return Sign(ComparableQualifier(a.text).compare(kReleaseVersionIndex));
        case ItemType::kList:
            for (const auto& child : a.list) {
                int rc = CompareWithNull(*child);
                if (rc != 0) {
                    return rc;
                }
            }
            return 0;
    }
    return 0;
}

// a.compareTo(b), where a is not null and b may be.
int CompareItems(const Item* a, const Item* b) {
    if (b == nullptr) {
        return CompareWithNull(*a);
    }
    switch (a->type) {
        case ItemType::kInt:
            if (b->type == ItemType::kInt) {
                return CompareDigitStrings(a->text, b->text);
            }
            return 1;  // 1.1 > 1-sp, 1.1 > 1-1
        case ItemType::kString:
            if (b->type == ItemType::kString) {
                return Sign(ComparableQualifier(a->text).compare(ComparableQualifier(b->text)));
            }
            return -1;  // 1.any < 1.1, 1.any < 1-1
        case ItemType::kList:
            if (b->type == ItemType::kInt) {
                return -1;  // 1-1 < 1.0.x
            }
            if (b->type == ItemType::kString) {
                return 1;  // 1-1 > 1-sp
            }
            for (size_t i = 0; i < a->list.size() || i < b->list.size(); ++i) {
                const Item* l = i < a->list.size() ? a->list[i].get() : nullptr;
                const Item* r = i < b->list.size() ? b->list[i].get() : nullptr;
                int rc = 0;
                if (l == nullptr) {
                    rc = r == nullptr ? 0 : -CompareItems(r, nullptr);
                } else {
                    rc = CompareItems(l, r);
                }
                if (rc != 0) {
                    return rc;
                }
            }
            return 0;
    }
    return 0;
}

}  // namespace

Result<int> CompareMaven(std::string_view a, std::string_view b) {
    ItemPtr ia = ParseMaven(a);
    ItemPtr ib = ParseMaven(b);
    return CompareItems(ia.get(), ib.get());
}

}  // namespace kensa::knowledge::internal
