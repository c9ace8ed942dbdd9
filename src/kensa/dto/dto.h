#pragma once
// Every JSON view (the *_dto.h headers) and ToJsonArray over any of them. Include this one
// where several views are rendered, or a single *_dto.h where one is.

#include <vector>

#include "kensa/dto/account_dto.h"
#include "kensa/dto/group_dto.h"
#include "kensa/dto/json.h"
#include "kensa/dto/scan_run_dto.h"
#include "kensa/dto/server_dto.h"
#include "kensa/dto/task_dto.h"
#include "kensa/dto/vulnerability_dto.h"
#include "kensa/dto/vuls_dto.h"

namespace kensa::dto {

/// A list of any type with a ToJson view above, as a JSON array in the list's order.
template <class T>
Json ToJsonArray(const std::vector<T>& items) {
    Json out = Json::array();
    for (const T& item : items) {
        out.push_back(ToJson(item));
    }
    return out;
}

}  // namespace kensa::dto
