#include "model_validation.h"

#include <map>
#include <mutex>
#include <regex>

namespace kensa::emulator {

std::string_view Inspector2ModelJson();  // embedded from data/emulator

namespace {

using nlohmann::json;

std::string Shown(const json& value) {
    if (value.is_string()) {
        return value.get<std::string>();
    }
    if (value.is_null()) {
        return "null";
    }
    return value.dump();
}

std::string Failed(const json& value, const std::string& path, const std::string& constraint) {
    return "1 validation error detected: Value '" + Shown(value) + "' at '" + path +
           "' failed to satisfy constraint: " + constraint;
}

std::string Number(double v) {
    std::string s = json(v).dump();
    if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0) {
        s.resize(s.size() - 2);
    }
    return s;
}

// A pattern of the model, compiled once; nullptr when std::regex cannot read it (\p{...}
// classes), in which case the pattern is not checked.
const std::regex* Pattern(const std::string& source) {
    static std::mutex mu;
    static std::map<std::string, std::unique_ptr<std::regex>> cache;
    std::lock_guard lock(mu);
    auto it = cache.find(source);
    if (it == cache.end()) {
        std::unique_ptr<std::regex> re;
        try {
            re = std::make_unique<std::regex>(source, std::regex::ECMAScript);
        } catch (const std::regex_error&) {
        }
        it = cache.emplace(source, std::move(re)).first;
    }
    return it->second.get();
}

std::optional<std::string> CheckLength(const json& def,
                                       size_t length,
                                       const json& value,
                                       const std::string& path) {
    if (def.contains("min") && static_cast<double>(length) < def["min"].get<double>()) {
        return Failed(
            value,
            path,
            "Member must have length greater than or equal to " + Number(def["min"].get<double>()));
    }
    if (def.contains("max") && static_cast<double>(length) > def["max"].get<double>()) {
        return Failed(
            value,
            path,
            "Member must have length less than or equal to " + Number(def["max"].get<double>()));
    }
    return std::nullopt;
}

std::optional<std::string> CheckRange(const json& def, double v, const std::string& path) {
    if (def.contains("min") && v < def["min"].get<double>()) {
        return Failed(
            json(v),
            path,
            "Member must have value greater than or equal to " + Number(def["min"].get<double>()));
    }
    if (def.contains("max") && v > def["max"].get<double>()) {
        return Failed(
            json(v),
            path,
            "Member must have value less than or equal to " + Number(def["max"].get<double>()));
    }
    return std::nullopt;
}

std::optional<std::string> CheckString(const json& def,
                                       const json& value,
                                       const std::string& path) {
    if (!value.is_string()) {
        return Failed(value, path, "Member must be a string");
    }
    const auto& s = value.get_ref<const std::string&>();
    if (def.contains("enum")) {
        const auto& values = def["enum"];
        if (std::find(values.begin(), values.end(), value) == values.end()) {
            std::string set;
            for (const auto& v : values) {
                set += (set.empty() ? "" : ", ") + v.get<std::string>();
            }
            return Failed(value, path, "Member must satisfy enum value set: [" + set + "]");
        }
    }
    if (auto bad = CheckLength(def, s.size(), value, path)) {
        return bad;
    }
    if (def.contains("pattern")) {
        const std::string& source = def["pattern"].get_ref<const std::string&>();
        if (const std::regex* re = Pattern(source); re != nullptr && !std::regex_match(s, *re)) {
            return Failed(value, path, "Member must satisfy regular expression pattern: " + source);
        }
    }
    return std::nullopt;
}

}  // namespace

ServiceModel::ServiceModel(std::string_view model_json) : model_(json::parse(model_json)) {}

const json& ServiceModel::Shape(std::string_view name) const {
    static const json kNull;
    const auto& shapes = model_["shapes"];
    auto it = shapes.find(std::string(name));
    return it == shapes.end() ? kNull : *it;
}

std::string ServiceModel::InputShape(std::string_view operation) const {
    const auto& ops = model_["operations"];
    auto it = ops.find(std::string(operation));
    if (it == ops.end() || !it->contains("input")) {
        return "";
    }
    return (*it)["input"].value("shape", "");
}

std::string ServiceModel::MemberShape(std::string_view shape, std::string_view member) const {
    const json& def = Shape(shape);
    if (!def.is_object() || !def.contains("members")) {
        return "";
    }
    auto it = def["members"].find(std::string(member));
    return it == def["members"].end() ? "" : it->value("shape", "");
}

std::optional<std::string> ServiceModel::ValidateInput(std::string_view operation,
                                                       const json& body) const {
    std::string shape = InputShape(operation);
    if (shape.empty()) {
        return std::nullopt;
    }
    return Check(shape, body, "");
}

std::optional<std::string> ServiceModel::Check(const std::string& shape,
                                               const json& value,
                                               const std::string& path) const {
    const json& def = Shape(shape);
    if (!def.is_object()) {
        return std::nullopt;
    }
    const std::string type = def.value("type", "");
    auto child = [&](const std::string& name) { return path.empty() ? name : path + "." + name; };
    if (type == "structure") {
        if (!value.is_object()) {
            return Failed(value, path, "Member must be a structure");
        }
        for (const auto& required : def.value("required", json::array())) {
            const std::string& name = required.get_ref<const std::string&>();
            const json& member = def["members"][name];
            bool in_body = !member.contains("location");
            if (in_body && (!value.contains(name) || value[name].is_null())) {
                return Failed(json(nullptr), child(name), "Member must not be null");
            }
        }
        for (const auto& [name, member_value] : value.items()) {
            auto it = def["members"].find(name);
            if (it == def["members"].end() || member_value.is_null()) {
                continue;  // AWS ignores members its model does not define
            }
            if (auto bad = Check(it->value("shape", ""), member_value, child(name))) {
                return bad;
            }
        }
        return std::nullopt;
    }
    if (type == "list") {
        if (!value.is_array()) {
            return Failed(value, path, "Member must be a list");
        }
        if (auto bad = CheckLength(def, value.size(), value, path)) {
            return bad;
        }
        const std::string member = def["member"].value("shape", "");
        for (const auto& element : value) {
            if (auto bad = Check(member, element, path + ".member")) {
                return bad;
            }
        }
        return std::nullopt;
    }
    if (type == "map") {
        if (!value.is_object()) {
            return Failed(value, path, "Member must be a map");
        }
        if (auto bad = CheckLength(def, value.size(), value, path)) {
            return bad;
        }
        for (const auto& [key, element] : value.items()) {
            if (auto bad = Check(def["key"].value("shape", ""), json(key), path + ".key")) {
                return bad;
            }
            if (auto bad = Check(def["value"].value("shape", ""), element, path + ".value")) {
                return bad;
            }
        }
        return std::nullopt;
    }
    if (type == "string") {
        return CheckString(def, value, path);
    }
    if (type == "integer" || type == "long") {
        if (!value.is_number_integer()) {
            return Failed(value, path, "Member must be an integer");
        }
        return CheckRange(def, value.get<double>(), path);
    }
    if (type == "double" || type == "float") {
        if (!value.is_number()) {
            return Failed(value, path, "Member must be a number");
        }
        return CheckRange(def, value.get<double>(), path);
    }
    if (type == "boolean") {
        return value.is_boolean() ? std::nullopt
                                  : std::optional(Failed(value, path, "Member must be a boolean"));
    }
    if (type == "timestamp") {
        // rest-json sends timestamps as epoch seconds.
        return value.is_number() ? std::nullopt
                                 : std::optional(Failed(
                                       value, path, "Member must be a timestamp (epoch seconds)"));
    }
    return std::nullopt;
}

const ServiceModel& Inspector2Model() {
    static const ServiceModel model(Inspector2ModelJson());
    return model;
}

}  // namespace kensa::emulator
