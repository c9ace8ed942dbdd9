#include "kensa/app/vuls/upload_auth.h"

#include <algorithm>
#include <cctype>

#include "kensa/app/audit.h"
#include "kensa/common/crypto.h"
#include "kensa/common/strings.h"

namespace kensa::app {
namespace {

constexpr size_t kMaxLabel = 200;
constexpr int64_t kMaxDays = 3650;

std::string TokenTarget(domain::Id token_id) {
    return "upload_token:" + std::to_string(token_id);
}

std::string UpperHex(size_t bytes) {
    std::string hex = RandomHex(bytes);
    std::transform(hex.begin(), hex.end(), hex.begin(), [](unsigned char c) {
        return static_cast<char>(std::toupper(c));
    });
    return hex;
}

}  // namespace

Result<IssuedUploadToken> CreateUploadToken(const AppContext& ctx,
                                            domain::Id group_id,
                                            const std::string& label,
                                            std::optional<int64_t> expires_in_days,
                                            const std::string& actor) {
    if (label.size() > kMaxLabel) {
        return Error(ErrorCode::kInvalidInput,
                     "the label is longer than " + std::to_string(kMaxLabel) + " characters")
            .With("field", "label");
    }
    if (expires_in_days && (*expires_in_days <= 0 || *expires_in_days > kMaxDays)) {
        return Error(ErrorCode::kInvalidInput,
                     "expires_in_days must be between 1 and " + std::to_string(kMaxDays))
            .With("field", "expires_in_days");
    }
    KENSA_TRY(ctx.store.GetGroup(group_id));
    IssuedUploadToken out;
    out.secret = "kensa_up_" + RandomHex(24);
    out.token.group_id = group_id;
    out.token.label = label;
    out.token.created_by = actor;
    out.token.created_at = Now(ctx);
    if (expires_in_days) {
        out.token.expires_at = out.token.created_at + *expires_in_days * 86400;
    }
    KENSA_ASSIGN_OR_RETURN(out.token.id,
                           ctx.store.AddUploadToken(out.token, crypto::Sha256Hex(out.secret)));
    KENSA_TRY(
        RecordAudit(ctx, group_id, actor, "upload_token.create", TokenTarget(out.token.id), label));
    return out;
}

Result<std::vector<domain::UploadToken>> ListUploadTokens(const AppContext& ctx,
                                                          domain::Id group_id) {
    return ctx.store.ListUploadTokens(group_id);
}

Status RevokeUploadToken(const AppContext& ctx,
                         domain::Id group_id,
                         domain::Id token_id,
                         const std::string& actor) {
    KENSA_TRY(ctx.store.RevokeUploadToken(group_id, token_id, Now(ctx)));
    return RecordAudit(ctx, group_id, actor, "upload_token.revoke", TokenTarget(token_id));
}

Result<domain::UploadToken> AuthenticateUploadToken(const AppContext& ctx,
                                                    const std::string& secret,
                                                    std::optional<domain::Id> group_id) {
    const Error refused(ErrorCode::kUnauthenticated,
                        "the upload token is not valid for this group (unknown, revoked or "
                        "expired)");
    if (secret.empty()) {
        return Error(ErrorCode::kUnauthenticated,
                     "an upload token is required: put it in the upload URL's path or user-info");
    }
    KENSA_ASSIGN_OR_RETURN(auto token, ctx.store.FindUploadToken(crypto::Sha256Hex(secret)));
    const domain::EpochSeconds now = Now(ctx);
    if (!token || !domain::UploadTokenUsable(*token, now) ||
        (group_id && token->group_id != *group_id)) {
        return refused;
    }
    KENSA_TRY(ctx.store.TouchUploadToken(token->id, now));
    return *token;
}

Result<SaasCredentials> StartSaasUpload(const AppContext& ctx,
                                        domain::Id group_id,
                                        const std::string& token) {
    KENSA_ASSIGN_OR_RETURN(domain::UploadToken t, AuthenticateUploadToken(ctx, token, group_id));
    const domain::EpochSeconds now = Now(ctx);
    SaasCredentials out;
    out.access_key_id = "ASIA" + UpperHex(8);  // 20 characters, as AWS's temporary keys
    out.secret_access_key = RandomHex(20);
    out.session_token = RandomHex(32);
    out.expiration = now + domain::kUploadCredentialSeconds;
    if (t.expires_at && *t.expires_at < out.expiration) {
        out.expiration = *t.expires_at;  // never outlives the token
    }
    out.bucket = kVulsUploadBucket;
    out.results_dir = "vuls/" + std::to_string(group_id) + "/" + RandomHex(8);
    domain::UploadCredential c;
    c.access_key_id = out.access_key_id;
    c.group_id = group_id;
    c.token_id = t.id;
    KENSA_ASSIGN_OR_RETURN(c.secret_enc, ctx.secrets.Seal(out.secret_access_key));
    c.session_token_hash = crypto::Sha256Hex(out.session_token);
    c.results_dir = out.results_dir;
    c.expires_at = out.expiration;
    c.created_at = now;
    KENSA_TRY(ctx.store.AddUploadCredential(c, now));
    return out;
}

Result<std::optional<UploadSigningKey>> FindUploadSigningKey(const AppContext& ctx,
                                                             const std::string& access_key_id) {
    KENSA_ASSIGN_OR_RETURN(auto c, ctx.store.FindUploadCredential(access_key_id));
    if (!c) {
        return std::optional<UploadSigningKey>();
    }
    KENSA_ASSIGN_OR_RETURN(std::string secret, ctx.secrets.Open(c->secret_enc));
    return std::optional<UploadSigningKey>(UploadSigningKey{std::move(*c), std::move(secret)});
}

}  // namespace kensa::app
