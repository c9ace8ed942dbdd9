#include "kensa/aws/wire.h"

#include "kensa/common/strings.h"

namespace kensa::aws::wire {

std::string EncodeParams(const Params& params) {
    std::string out;
    for (const auto& [key, value] : params) {
        if (!out.empty()) {
            out += '&';
        }
        out += UriEncode(key);
        out += '=';
        out += UriEncode(value);
    }
    return out;
}

std::string EncodeUriLabel(std::string_view value, bool greedy) {
    return UriEncode(value, /*encode_slash=*/!greedy);
}

std::string QueryProtocolBody(std::string_view action,
                              std::string_view version,
                              const Params& params) {
    Params all;
    all.reserve(params.size() + 2);
    all.emplace_back("Action", std::string(action));
    all.emplace_back("Version", std::string(version));
    all.insert(all.end(), params.begin(), params.end());
    return EncodeParams(all);
}

}  // namespace kensa::aws::wire
