#include "kensa/dto/task_dto.h"

namespace kensa::dto {

Json ToJson(const domain::Task& task) {
    return {{"id", task.id},
            {"group_id", task.group_id},
            {"server_id", task.server_id},
            {"vulnerability_id", task.vulnerability_id},
            {"status", domain::ToString(task.status)},
            {"priority", domain::ToString(task.priority)},
            {"assignee", task.assignee},
            {"sub_assignee", task.sub_assignee},
            {"deadline", task.deadline ? Json(*task.deadline) : Json(nullptr)},
            {"ignore_until", task.ignore_until ? Json(*task.ignore_until) : Json(nullptr)},
            {"created_at", task.created_at},
            {"updated_at", task.updated_at}};
}

Json ToJson(const ports::TaskView& view) {
    Json j = ToJson(view.task);
    j["server_name"] = view.server_name;
    j["severity"] = domain::ToString(view.severity);
    j["cvss3_score"] = view.cvss3_score;
    j["title"] = view.title;
    j["epss"] = view.epss ? Json(*view.epss) : Json(nullptr);
    j["exploit_available"] = view.exploit_available;
    j["fix_available"] = view.fix_available;
    return j;
}

Json ToJson(const domain::TaskComment& comment) {
    return {{"id", comment.id},
            {"author", comment.author},
            {"system", comment.system},
            {"body", comment.body},
            {"created_at", comment.created_at}};
}

Json ToJson(const domain::TaskHistoryEntry& entry) {
    return {{"actor", entry.actor},
            {"field", entry.field},
            {"old", entry.old_value},
            {"new", entry.new_value},
            {"at", entry.at}};
}

Json ToJson(const app::TaskDetail& detail) {
    Json j = ToJson(detail.task);
    Json comments = Json::array();
    for (const auto& comment : detail.comments) {
        comments.push_back(ToJson(comment));
    }
    j["comments"] = comments;
    Json history = Json::array();
    for (const auto& entry : detail.history) {
        history.push_back(ToJson(entry));
    }
    j["history"] = history;
    return j;
}

}  // namespace kensa::dto
