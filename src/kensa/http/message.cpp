#include "kensa/http/message.h"

#include <algorithm>
#include <cctype>

namespace kensa::http {
namespace {

std::string FindHeader(const HeaderList& headers, std::string_view name) {
    for (const auto& [key, value] : headers) {
        if (HeaderNameEquals(key, name)) {
            return value;
        }
    }
    return {};
}

}  // namespace

bool HeaderNameEquals(std::string_view a, std::string_view b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
        return std::tolower(static_cast<unsigned char>(x)) ==
               std::tolower(static_cast<unsigned char>(y));
    });
}

std::string Request::Header(std::string_view name) const {
    return FindHeader(headers, name);
}

std::string Request::Query(std::string_view name, std::string_view fallback) const {
    auto it = query.find(std::string(name));
    return it == query.end() ? std::string(fallback) : it->second;
}

std::string Request::PathParam(std::string_view name) const {
    auto it = path_params.find(std::string(name));
    return it == path_params.end() ? std::string() : it->second;
}

Response& Response::SetHeader(std::string_view name, std::string value) {
    std::erase_if(headers,
                  [&](const auto& header) { return HeaderNameEquals(header.first, name); });
    headers.emplace_back(std::string(name), std::move(value));
    return *this;
}

std::string Response::Header(std::string_view name) const {
    return FindHeader(headers, name);
}

}  // namespace kensa::http
