// The Vuls host rows and the upload tokens and credentials (ports/vuls_host_store.h,
// ports/upload_auth_store.h).
#include "kensa/common/strings.h"
#include "kensa/store/sql_store_internal.h"

namespace kensa::store {

using domain::Id;

namespace {

std::string JoinLines(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items) {
        out += (out.empty() ? "" : "\n") + item;
    }
    return out;
}

std::vector<std::string> SplitLines(const std::string& s) {
    return s.empty() ? std::vector<std::string>() : Split(s, '\n');
}

constexpr std::string_view kHostColumns =
    "h.server_id, h.identified_by, h.server_uuid, h.container_uuid, h.container_name, "
    "h.container_image, h.family, h.os_release, h.kernel_release, h.kernel_version, "
    "h.reboot_required, h.ipv4_addrs, h.ipv6_addrs, h.platform_name, h.instance_id, "
    "h.scanned_at, h.imported_at";

domain::VulsHost ReadHost(const SqlRow& row) {
    domain::VulsHost h;
    h.server_id = row.Int(0);
    domain::Parse(row.Text(1), &h.identified_by);
    h.server_uuid = row.Text(2);
    h.container_uuid = row.Text(3);
    h.container_name = row.Text(4);
    h.container_image = row.Text(5);
    h.family = row.Text(6);
    h.release = row.Text(7);
    h.kernel_release = row.Text(8);
    h.kernel_version = row.Text(9);
    h.reboot_required = row.Int(10) != 0;
    h.ipv4_addrs = SplitLines(row.Text(11));
    h.ipv6_addrs = SplitLines(row.Text(12));
    h.platform_name = row.Text(13);
    h.instance_id = row.Text(14);
    h.scanned_at = row.Text(15);
    h.imported_at = row.Int(16);
    return h;
}

constexpr std::string_view kTokenColumns =
    "id, group_id, label, created_by, created_at, expires_at, revoked_at, last_used_at";

domain::UploadToken ReadToken(const SqlRow& row) {
    domain::UploadToken t;
    t.id = row.Int(0);
    t.group_id = row.Int(1);
    t.label = row.Text(2);
    t.created_by = row.Text(3);
    t.created_at = row.Int(4);
    t.expires_at = row.OptInt(5);
    t.revoked_at = row.OptInt(6);
    t.last_used_at = row.OptInt(7);
    return t;
}

}  // namespace

// ------------------------------------------------------------------ Vuls hosts

Result<std::optional<domain::Server>> SqlStore::FindVulsServer(Id group_id,
                                                               const domain::VulsServerKey& key) {
    std::string sql = "SELECT " + std::string(kServerColumns) +
                      " FROM servers WHERE group_id = ? AND kind = 'vuls' AND ";
    sql += key.vuls_uuid.empty() ? "vuls_uuid = '' AND name = ?" : "vuls_uuid = ?";
    KENSA_ASSIGN_OR_RETURN(
        auto rows,
        SelectAll<domain::Server>(
            sql, {group_id, key.vuls_uuid.empty() ? key.name : key.vuls_uuid}, ReadServer));
    if (rows.empty()) {
        return std::optional<domain::Server>();
    }
    return std::optional<domain::Server>(std::move(rows.front()));
}

Status SqlStore::SaveVulsHost(const domain::VulsHost& h) {
    return InTx(true, [&](SqlConnection& conn) -> Status {
        KENSA_TRY(conn.Exec(
            "INSERT INTO vuls_hosts (server_id, identified_by, server_uuid, container_uuid, "
            "container_name, container_image, family, os_release, kernel_release, "
            "kernel_version, reboot_required, ipv4_addrs, ipv6_addrs, platform_name, "
            "instance_id, scanned_at, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
            "?, ?, ?, ?, ?, ?) ON CONFLICT (server_id) DO UPDATE SET identified_by = "
            "excluded.identified_by, server_uuid = excluded.server_uuid, container_uuid = "
            "excluded.container_uuid, container_name = excluded.container_name, "
            "container_image = excluded.container_image, family = excluded.family, "
            "os_release = excluded.os_release, kernel_release = excluded.kernel_release, "
            "kernel_version = excluded.kernel_version, reboot_required = "
            "excluded.reboot_required, ipv4_addrs = excluded.ipv4_addrs, ipv6_addrs = "
            "excluded.ipv6_addrs, platform_name = excluded.platform_name, instance_id = "
            "excluded.instance_id, scanned_at = excluded.scanned_at, imported_at = "
            "excluded.imported_at",
            {h.server_id,
             std::string(domain::ToString(h.identified_by)),
             h.server_uuid,
             h.container_uuid,
             h.container_name,
             h.container_image,
             h.family,
             h.release,
             h.kernel_release,
             h.kernel_version,
             int64_t{h.reboot_required ? 1 : 0},
             JoinLines(h.ipv4_addrs),
             JoinLines(h.ipv6_addrs),
             h.platform_name,
             h.instance_id,
             h.scanned_at,
             h.imported_at}));
        return Ok();
    });
}

Result<std::vector<domain::VulsHost>> SqlStore::ListVulsHosts(Id group_id) {
    return SelectAll<domain::VulsHost>(
        "SELECT " + std::string(kHostColumns) +
            " FROM vuls_hosts h JOIN servers s ON s.id = h.server_id WHERE s.group_id = ? ORDER "
            "BY h.server_id",
        {group_id},
        ReadHost);
}

// ------------------------------------------------------------------ upload tokens

Result<Id> SqlStore::AddUploadToken(const domain::UploadToken& t, const std::string& token_hash) {
    Id id = 0;
    KENSA_TRY(InTx(true, [&](SqlConnection& conn) -> Status {
        KENSA_ASSIGN_OR_RETURN(
            id,
            InsertReturningId(
                conn,
                "INSERT INTO upload_tokens (group_id, "
                "token_hash, label, created_by, created_at, "
                "expires_at) VALUES (?, ?, ?, ?, ?, ?) "
                "RETURNING id",
                {t.group_id, token_hash, t.label, t.created_by, t.created_at, Opt(t.expires_at)}));
        return Ok();
    }));
    return id;
}

Result<std::optional<domain::UploadToken>> SqlStore::FindUploadToken(
    const std::string& token_hash) {
    KENSA_ASSIGN_OR_RETURN(auto rows,
                           SelectAll<domain::UploadToken>("SELECT " + std::string(kTokenColumns) +
                                                              " FROM upload_tokens WHERE "
                                                              "token_hash = ?",
                                                          {token_hash},
                                                          ReadToken));
    if (rows.empty()) {
        return std::optional<domain::UploadToken>();
    }
    return std::optional<domain::UploadToken>(rows.front());
}

Result<std::vector<domain::UploadToken>> SqlStore::ListUploadTokens(Id group_id) {
    return SelectAll<domain::UploadToken>("SELECT " + std::string(kTokenColumns) +
                                              " FROM upload_tokens WHERE group_id = ? ORDER BY id",
                                          {group_id},
                                          ReadToken);
}

Status SqlStore::RevokeUploadToken(Id group_id, Id token_id, domain::EpochSeconds now) {
    return InTx(true, [&](SqlConnection& conn) -> Status {
        KENSA_ASSIGN_OR_RETURN(
            auto n,
            conn.Exec("UPDATE upload_tokens SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ? "
                      "AND group_id = ?",
                      {now, token_id, group_id}));
        if (n == 0) {
            return Error(ErrorCode::kNotFound,
                         "upload token " + std::to_string(token_id) + " not found");
        }
        KENSA_TRY(conn.Exec("DELETE FROM upload_credentials WHERE token_id = ?", {token_id}));
        return Ok();
    });
}

Status SqlStore::TouchUploadToken(Id token_id, domain::EpochSeconds now) {
    return InTx(true, [&](SqlConnection& conn) -> Status {
        KENSA_TRY(
            conn.Exec("UPDATE upload_tokens SET last_used_at = ? WHERE id = ?", {now, token_id}));
        return Ok();
    });
}

Status SqlStore::AddUploadCredential(const domain::UploadCredential& c, domain::EpochSeconds now) {
    return InTx(true, [&](SqlConnection& conn) -> Status {
        KENSA_TRY(
            conn.Exec("DELETE FROM upload_credentials WHERE expires_at < ?", {now - 24 * 3600}));
        KENSA_TRY(conn.Exec(
            "INSERT INTO upload_credentials (access_key_id, group_id, token_id, secret_enc, "
            "session_token_hash, results_dir, expires_at, created_at) VALUES (?, ?, ?, ?, ?, "
            "?, ?, ?)",
            {c.access_key_id,
             c.group_id,
             c.token_id,
             c.secret_enc,
             c.session_token_hash,
             c.results_dir,
             c.expires_at,
             c.created_at}));
        return Ok();
    });
}

Result<std::optional<domain::UploadCredential>> SqlStore::FindUploadCredential(
    const std::string& access_key_id) {
    KENSA_ASSIGN_OR_RETURN(
        auto rows,
        SelectAll<domain::UploadCredential>(
            "SELECT access_key_id, group_id, token_id, secret_enc, session_token_hash, "
            "results_dir, expires_at, created_at FROM upload_credentials WHERE access_key_id = ?",
            {access_key_id},
            [](const SqlRow& row) {
                domain::UploadCredential c;
                c.access_key_id = row.Text(0);
                c.group_id = row.Int(1);
                c.token_id = row.Int(2);
                c.secret_enc = row.Text(3);
                c.session_token_hash = row.Text(4);
                c.results_dir = row.Text(5);
                c.expires_at = row.Int(6);
                c.created_at = row.Int(7);
                return c;
            }));
    if (rows.empty()) {
        return std::optional<domain::UploadCredential>();
    }
    return std::optional<domain::UploadCredential>(rows.front());
}

}  // namespace kensa::store
