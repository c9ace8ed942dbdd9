#pragma once
#include <string_view>
#include <vector>

namespace kensa::store {

struct Migration {
    int version;
    std::string_view name;
    std::string_view sql;
};

const std::vector<Migration>& sqlite_migrations();
const std::vector<Migration>& postgres_migrations();

}  // namespace kensa::store
