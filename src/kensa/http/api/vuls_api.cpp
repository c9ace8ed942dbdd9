#include "kensa/http/api/vuls_api.h"

#include "kensa/app/vuls/import_result.h"
#include "kensa/app/vuls/upload_auth.h"
#include "kensa/aws/sigv4/verifier.h"
#include "kensa/common/crypto.h"
#include "kensa/common/strings.h"
#include "kensa/dto/dto.h"
#include "kensa/http/api/api_common.h"

namespace kensa::http::api::vuls {
namespace {

constexpr std::string_view kBasic = "Basic ";

Result<app::VulsImportResult> Import(const ApiDeps& deps,
                                     domain::Id group_id,
                                     const std::string& source,
                                     const std::string& body) {
    app::AdvisoryIndexOnce advisories(deps.app.store);
    return app::ImportVulsResult(
        deps.app, group_id, domain::ScanTrigger::kApi, source, body, advisories);
}

// The token of a `-to-http` URL: its last path segment, else the user-info Go sends as Basic
// auth (the password, or the user name when the URL has no password).
std::string UploadTokenOf(const Request& req) {
    std::string token = req.PathParam("token");
    std::string auth = req.Header("Authorization");
    if (token.empty() && StartsWith(auth, kBasic)) {
        std::string pair;
        if (crypto::Base64Decode(Trim(auth.substr(kBasic.size())), &pair)) {
            auto colon = pair.find(':');
            std::string user = pair.substr(0, colon);
            std::string password = colon == std::string::npos ? "" : pair.substr(colon + 1);
            token = password.empty() ? user : password;
        }
    }
    return token;
}

Response S3Error(const aws::sigv4::S3Refusal& refusal, const Request& req) {
    Response r;
    r.status = refusal.status;
    r.content_type = "application/xml";
    r.body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + XmlEscape(refusal.code) +
             "</Code><Message>" + XmlEscape(refusal.message) + "</Message>";
    for (const auto& [name, value] : refusal.extra) {
        r.body += "<" + name + ">" + XmlEscape(value) + "</" + name + ">";
    }
    r.body += "<RequestId>" + XmlEscape(req.request_id) + "</RequestId></Error>";
    return r;
}

// The request as it was signed: the path re-encoded as the SDKs encode an S3 key (every byte
// but unreserved ones and '/'), the query likewise.
aws::HttpRequest SignedForm(const Request& req) {
    aws::HttpRequest out;
    out.method = req.method;
    out.path = UriEncode(req.path, false);
    for (const auto& [key, value] : req.query) {
        out.query += (out.query.empty() ? "" : "&") + UriEncode(key) + "=" + UriEncode(value);
    }
    out.headers = req.headers;
    out.body = req.body;
    return out;
}

}  // namespace

Result<Response> UploadResult(const ApiDeps& deps, const Request& req, const Caller& caller) {
    KENSA_ASSIGN_OR_RETURN(domain::Id gid,
                           GroupAccess(deps.app, caller, req, domain::Role::kMember));
    KENSA_ASSIGN_OR_RETURN(auto imported,
                           Import(deps, gid, "the API upload of " + caller.user.name, req.body));
    return Render(dto::ToJson(imported));
}

Result<Response> ListTokens(const ApiDeps& deps, const Request& req, const Caller& caller) {
    KENSA_ASSIGN_OR_RETURN(domain::Id gid,
                           GroupAccess(deps.app, caller, req, domain::Role::kAdmin));
    KENSA_ASSIGN_OR_RETURN(auto tokens, app::ListUploadTokens(deps.app, gid));
    return Render(Json{{"tokens", dto::ToJsonArray(tokens)}});
}

Result<Response> CreateToken(const ApiDeps& deps, const Request& req, const Caller& caller) {
    KENSA_ASSIGN_OR_RETURN(domain::Id gid,
                           GroupAccess(deps.app, caller, req, domain::Role::kAdmin));
    Json body = Json::object();
    if (!Trim(req.body).empty()) {
        KENSA_ASSIGN_OR_RETURN(body, JsonBody(req, {"label", "expires_in_days"}));
    }
    KENSA_ASSIGN_OR_RETURN(std::string label, dto::StringOr(body, "label", ""));
    KENSA_ASSIGN_OR_RETURN(auto days, dto::OptionalInt(body, "expires_in_days"));
    KENSA_ASSIGN_OR_RETURN(auto issued,
                           app::CreateUploadToken(deps.app, gid, label, days, caller.user.name));
    Json j = dto::ToJson(issued.token);
    j["token"] = issued.secret;
    return Render(j, 201);
}

Result<Response> RevokeToken(const ApiDeps& deps, const Request& req, const Caller& caller) {
    KENSA_ASSIGN_OR_RETURN(domain::Id gid,
                           GroupAccess(deps.app, caller, req, domain::Role::kAdmin));
    KENSA_ASSIGN_OR_RETURN(domain::Id token_id, IdParam(req, "token"));
    KENSA_TRY(app::RevokeUploadToken(deps.app, gid, token_id, caller.user.name));
    return NoContent();
}

Result<Response> ReportToHttp(const ApiDeps& deps, const Request& req, const Caller& /*none*/) {
    KENSA_ASSIGN_OR_RETURN(
        domain::UploadToken token,
        app::AuthenticateUploadToken(deps.app, UploadTokenOf(req), std::nullopt));
    KENSA_ASSIGN_OR_RETURN(auto imported,
                           Import(deps, token.group_id, "vuls report -to-http", req.body));
    return Render(dto::ToJson(imported), 200);
}

Result<Response> SaasHandshake(const ApiDeps& deps, const Request& req, const Caller& /*none*/) {
    Json body = Json::parse(req.body, nullptr, false);
    if (!body.is_object()) {
        return Error(ErrorCode::kInvalidInput,
                     "the vuls saas request is not a JSON object {GroupID, Token, ...}");
    }
    KENSA_ASSIGN_OR_RETURN(int64_t group_id, dto::RequiredInt(body, "GroupID"));
    KENSA_ASSIGN_OR_RETURN(std::string token, dto::StringOr(body, "Token", ""));
    KENSA_ASSIGN_OR_RETURN(auto credentials, app::StartSaasUpload(deps.app, group_id, token));
    return Render(dto::SaasAnswer(credentials));
}

Result<Response> PutObject(const ApiDeps& deps, const Request& req, const Caller& /*none*/) {
    const app::AppContext& ctx = deps.app;
    std::string key = req.PathParam("key");
    std::optional<app::UploadSigningKey> signing;
    aws::sigv4::VerifyContext verify;
    verify.wall_now = ctx.clock.SystemNow();
    verify.expiry_now = app::Now(ctx);
    verify.s3 = true;
    Status lookup_error = Ok();
    aws::sigv4::Verification checked =
        aws::sigv4::Verify(SignedForm(req), verify, [&](const std::string& akid) {
            std::optional<aws::sigv4::VerifyKey> out;
            auto found = app::FindUploadSigningKey(ctx, akid);
            if (!found.ok()) {
                lookup_error = std::move(found).error();
            } else if (*found) {
                signing = std::move(**found);
                out = aws::sigv4::VerifyKey{signing->secret_access_key,
                                            signing->credential.session_token_hash,
                                            signing->credential.expires_at};
            }
            return out;
        });
    KENSA_TRY(lookup_error);
    if (!checked.ok()) {
        return S3Error(aws::sigv4::S3RefusalFor(checked), req);
    }
    if (checked.scope.service != "s3") {
        return S3Error({403, "AccessDenied", "these credentials are for s3:PutObject only", {}},
                       req);
    }
    switch (domain::CheckUploadKey(signing->credential, key, verify.expiry_now)) {
        case domain::UploadKeyVerdict::kAllowed:
            break;
        case domain::UploadKeyVerdict::kExpired:
            checked.failure = aws::sigv4::Failure::kExpiredToken;
            return S3Error(aws::sigv4::S3RefusalFor(checked), req);
        case domain::UploadKeyVerdict::kOutsideResultsDir:
            return S3Error({403,
                            "AccessDenied",
                            "Access Denied: these credentials may PutObject only under " +
                                signing->credential.results_dir + "/",
                            {}},
                           req);
    }
    auto imported = Import(deps,
                           signing->credential.group_id,
                           "s3://" + std::string(app::kVulsUploadBucket) + "/" + key,
                           req.body);
    if (!imported.ok()) {
        if (imported.error().code() == ErrorCode::kInvalidInput) {
            return S3Error({400, "InvalidArgument", imported.error().message(), {}}, req);
        }
        return std::move(imported).error();
    }
    Response r;
    r.status = 200;
    r.content_type.clear();
    r.SetHeader("ETag", "\"" + crypto::Sha256Hex(req.body).substr(0, 32) + "\"");
    return r;
}

}  // namespace kensa::http::api::vuls
