// Request-body parsing: every rejection is kInvalidInput naming the member.
#include "kensa/dto/request.h"

#include <gtest/gtest.h>

#include "kensa/domain/model.h"

namespace kensa::dto {
namespace {

// A body for the member helpers, whatever its members.
Json Body(const char* text) {
    return Json::parse(text);
}

void ExpectInvalidField(const Error& error, const std::string& field) {
    EXPECT_EQ(error.code(), ErrorCode::kInvalidInput);
    EXPECT_EQ(error.Detail("field"), field);
    EXPECT_NE(error.message().find(field), std::string::npos) << error.message();
}

TEST(DtoRequest, ParseObjectRejectsMalformedJsonAndNonObjects) {
    auto malformed = ParseObject("{\"name\": ", {"name"});
    ASSERT_FALSE(malformed.ok());
    EXPECT_EQ(malformed.error().code(), ErrorCode::kInvalidInput);
    EXPECT_EQ(malformed.error().message(), "the request body is not valid JSON");
    auto array = ParseObject("[1, 2]", {});
    ASSERT_FALSE(array.ok());
    EXPECT_EQ(array.error().message(), "the request body must be a JSON object");
    EXPECT_FALSE(ParseObject("", {}).ok());
}

TEST(DtoRequest, NestingDeeperThanTheCapIsRefused) {
    auto nested = [](int levels) {
        return "{\"a\": " + std::string(static_cast<size_t>(levels), '[') +
               std::string(static_cast<size_t>(levels), ']') + "}";
    };
    EXPECT_TRUE(ParseObject(nested(kMaxJsonDepth - 1), {"a"}).ok());
    auto deep = ParseObject(nested(kMaxJsonDepth + 1), {"a"});
    ASSERT_FALSE(deep.ok());
    EXPECT_EQ(deep.error().code(), ErrorCode::kInvalidInput);
    EXPECT_NE(deep.error().message().find("deeper than 64"), std::string::npos);
    // Brackets inside strings are text, not nesting.
    EXPECT_TRUE(ParseObject("{\"a\": \"" + std::string(200, '[') + "\\\"\"}", {"a"}).ok());
    // A megabyte of brackets is refused too, without building it.
    auto huge = ParseObject("{\"a\": " + std::string(1 << 20, '['), {"a"});
    ASSERT_FALSE(huge.ok());
    EXPECT_NE(huge.error().message().find("deeper"), std::string::npos);
}

TEST(DtoRequest, AnUnknownMemberIsNamedNotDropped) {
    // PUT /schedule with "daily_minute" for "daily_scan_time" used to answer 200 and do nothing.
    auto misspelt = ParseObject(R"({"enabled": true, "daily_minute": 90})",
                                {"timezone", "daily_scan_time", "enabled"});
    ASSERT_FALSE(misspelt.ok());
    ExpectInvalidField(misspelt.error(), "daily_minute");
    EXPECT_NE(misspelt.error().message().find("daily_scan_time"), std::string::npos);
    EXPECT_TRUE(ParseObject(R"({"enabled": true})", {"timezone", "enabled"}).ok());
    EXPECT_TRUE(ParseObject("{}", {}).ok());
    auto none = ParseObject(R"({"x": 1})", {});
    ASSERT_FALSE(none.ok());
    EXPECT_NE(none.error().message().find("none"), std::string::npos);
    // A hostile key is cut short at a character boundary, so the message stays valid UTF-8.
    std::string key(63, 'k');
    key += "\u00e9\u00e9" + std::string(5000, 'z');
    auto huge = ParseObject("{\"" + key + "\": 1}", {"a"});
    ASSERT_FALSE(huge.ok());
    EXPECT_EQ(huge.error().Detail("field"), std::string(63, 'k'));
    EXPECT_NO_THROW(Json(huge.error().message()).dump());
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
