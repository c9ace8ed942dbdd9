#pragma once
// Input validation as the AWS service model states it: required members, types, list and map
// lengths, string lengths, enums, patterns and numeric ranges, answered as AWS does
// ("1 validation error detected: Value 'X' at 'a.b' failed to satisfy constraint: ...").
// The model is botocore's inspector2 service-2.json (Apache-2.0), embedded with its
// documentation stripped (data/emulator/inspector2-2020-06-08.json).

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace kensa::emulator {

/// One service model: its operations' input shapes and every shape they reference.
class ServiceModel {
public:
    explicit ServiceModel(std::string_view model_json);

    /// The ValidationException message for the first constraint `body` fails, or nullopt.
    std::optional<std::string> ValidateInput(std::string_view operation,
                                             const nlohmann::json& body) const;

    /// The shape name of `member` in structure `shape` ("" when either is unknown).
    std::string MemberShape(std::string_view shape, std::string_view member) const;
    /// The input shape of an operation ("" when unknown).
    std::string InputShape(std::string_view operation) const;
    /// A shape's definition (null json when unknown).
    const nlohmann::json& Shape(std::string_view name) const;

private:
    std::optional<std::string> Check(const std::string& shape,
                                     const nlohmann::json& value,
                                     const std::string& path) const;

    nlohmann::json model_;
};

/// inspector2 2020-06-08, parsed once.
const ServiceModel& Inspector2Model();

}  // namespace kensa::emulator
