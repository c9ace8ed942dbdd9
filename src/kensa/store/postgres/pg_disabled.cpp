#include "kensa/store/sql.h"

namespace kensa::store {

Result<SqlConnectionPtr> OpenPostgres(const std::string&) {
    return Error(ErrorCode::kInvalidInput,
                 "this kensa was built without PostgreSQL support (KENSA_WITH_POSTGRES=OFF)");
}

}  // namespace kensa::store
