// Request-body parsing: every rejection is kInvalidInput naming the member.
#include "kensa/dto/request.h"

#include <gtest/gtest.h>

#include "kensa/domain/model.h"

namespace kensa::dto {
namespace {

Json Body(const char* text) {
    auto parsed = ParseObject(text);
    EXPECT_TRUE(parsed.ok()) << text;
    return parsed.ok() ? *parsed : Json::object();
}

void ExpectInvalidField(const Error& error, const std::string& field) {
    EXPECT_EQ(error.code(), ErrorCode::kInvalidInput);
    EXPECT_EQ(error.Detail("field"), field);
    EXPECT_NE(error.message().find(field), std::string::npos) << error.message();
}

TEST(DtoRequest, ParseObjectRejectsMalformedJsonAndNonObjects) {
    auto malformed = ParseObject("{\"name\": ");
    ASSERT_FALSE(malformed.ok());
    EXPECT_EQ(malformed.error().code(), ErrorCode::kInvalidInput);
    EXPECT_EQ(malformed.error().message(), "the request body is not valid JSON");
    auto array = ParseObject("[1, 2]");
    ASSERT_FALSE(array.ok());
    EXPECT_EQ(array.error().message(), "the request body must be a JSON object");
    EXPECT_FALSE(ParseObject("").ok());
}

TEST(DtoRequest, RequiredStringNeedsANonEmptyString) {
    EXPECT_EQ(*RequiredString(Body(R"({"name": "blue"})"), "name"), "blue");
    for (const char* text : {R"({})", R"({"name": ""})", R"({"name": 3})", R"({"name": null})"}) {
        auto r = RequiredString(Body(text), "name");
        ASSERT_FALSE(r.ok()) << text;
        ExpectInvalidField(r.error(), "name");
    }
}

TEST(DtoRequest, OptionalMembersTreatAbsentAndNullAlikeAndRejectWrongTypes) {
    Json body = Body(R"({"a": "x", "b": null, "c": true, "d": 42, "e": 1.5, "f": "yes"})");
    EXPECT_EQ(**OptionalString(body, "a"), "x");
    EXPECT_FALSE(OptionalString(body, "b")->has_value());
    EXPECT_FALSE(OptionalString(body, "zz")->has_value());
    ExpectInvalidField(OptionalString(body, "d").error(), "d");
    EXPECT_EQ(*StringOr(body, "zz", "fallback"), "fallback");
    EXPECT_EQ(*StringOr(body, "a", "fallback"), "x");

    EXPECT_EQ(**OptionalBool(body, "c"), true);
    EXPECT_FALSE(OptionalBool(body, "b")->has_value());
    ExpectInvalidField(OptionalBool(body, "f").error(), "f");

    EXPECT_EQ(**OptionalInt(body, "d"), 42);
    ExpectInvalidField(OptionalInt(body, "e").error(), "e");
    EXPECT_EQ(*RequiredInt(body, "d"), 42);
    ExpectInvalidField(RequiredInt(body, "zz").error(), "zz");
}

TEST(DtoRequest, StringListNeedsAnArrayOfStrings) {
    EXPECT_EQ(*StringList(Body(R"({"ids": ["a", "b"]})"), "ids"),
              (std::vector<std::string>{"a", "b"}));
    EXPECT_TRUE(StringList(Body(R"({"ids": []})"), "ids")->empty());
    for (const char* text : {R"({})", R"({"ids": "a"})", R"({"ids": ["a", 1]})"}) {
        auto r = StringList(Body(text), "ids");
        ASSERT_FALSE(r.ok()) << text;
        ExpectInvalidField(r.error(), "ids");
    }
}

TEST(DtoRequest, EnumsUseTheDomainSpellings) {
    Json body = Body(R"({"status": "RISK_ACCEPTED", "priority": "URGENT", "role": 2})");
    auto status = OptionalEnum<domain::TaskStatus>(body, "status", "a task status");
    ASSERT_TRUE(status.ok());
    EXPECT_EQ(**status, domain::TaskStatus::kRiskAccepted);

    auto priority =
        OptionalEnum<domain::TaskPriority>(body, "priority", "HIGH, MEDIUM, LOW or NONE");
    ASSERT_FALSE(priority.ok());
    ExpectInvalidField(priority.error(), "priority");
    EXPECT_NE(priority.error().message().find("HIGH, MEDIUM, LOW or NONE"), std::string::npos);

    ExpectInvalidField(OptionalEnum<domain::Role>(body, "role", "a role").error(), "role");
    EXPECT_FALSE(OptionalEnum<domain::Role>(body, "absent", "a role")->has_value());
    ExpectInvalidField(RequiredEnum<domain::Role>(body, "absent", "a role").error(), "absent");
}

}  // namespace
}  // namespace kensa::dto
