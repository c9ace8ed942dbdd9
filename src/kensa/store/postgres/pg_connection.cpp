// PostgreSQL driver over libpq: '?' placeholders become $n; statements are prepared once per
// connection; values travel as text.
#include <libpq-fe.h>

#include <cstdlib>
#include <optional>
#include <unordered_map>

#include "kensa/store/sql.h"

namespace kensa::store {
namespace {

std::string RewritePlaceholders(std::string_view sql) {
    std::string out;
    out.reserve(sql.size() + 16);
    int n = 0;
    bool in_string = false;
    for (char c : sql) {
        if (c == '\'') {
            in_string = !in_string;
        }
        if (c == '?' && !in_string) {
            out += "$" + std::to_string(++n);
        } else {
            out.push_back(c);
        }
    }
    return out;
}

Error PgError(PGconn* conn, const PGresult* res, std::string_view what) {
    std::string msg = std::string(what) + ": " +
                      (res != nullptr ? PQresultErrorMessage(res) : PQerrorMessage(conn));
    while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) {
        msg.pop_back();
    }
    const char* state = res != nullptr ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
    std::string sqlstate = state != nullptr ? state : "";
    ErrorCode code = ErrorCode::kInternal;
    if (sqlstate.rfind("23", 0) == 0) {
        code = ErrorCode::kConflict;  // integrity constraint violation
    } else if (sqlstate.rfind("08", 0) == 0 || sqlstate == "40001" || sqlstate == "40P01" ||
               sqlstate == "57P01") {
        code = ErrorCode::kUnavailable;
    }
    return Error(code, msg).With("sqlstate", sqlstate);
}

class PgRow final : public SqlRow {
public:
    PgRow(const PGresult* res, int row) : res_(res), row_(row) {}
    bool IsNull(int col) const override { return PQgetisnull(res_, row_, col) != 0; }
    int64_t Int(int col) const override {
        return std::strtoll(PQgetvalue(res_, row_, col), nullptr, 10);
    }
    double Real(int col) const override {
        return std::strtod(PQgetvalue(res_, row_, col), nullptr);
    }
    std::string Text(int col) const override {
        return std::string(PQgetvalue(res_, row_, col),
                           static_cast<size_t>(PQgetlength(res_, row_, col)));
    }

private:
    const PGresult* res_;
    int row_;
};

struct ResultGuard {
    PGresult* res;
    ~ResultGuard() { PQclear(res); }
};

int64_t AffectedRows(PGresult* res) {
    const char* affected = PQcmdTuples(res);
    return affected != nullptr && *affected != 0 ? std::strtoll(affected, nullptr, 10) : 0;
}

class PgConnection final : public SqlConnection {
public:
    explicit PgConnection(PGconn* conn) : conn_(conn) {}
    ~PgConnection() override { PQfinish(conn_); }

    Status ExecScript(std::string_view sql) override {
        std::string copy(sql);
        ResultGuard g{PQexec(conn_, copy.c_str())};
        auto status = PQresultStatus(g.res);
        if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
            return PgError(conn_, g.res, "postgres exec");
        }
        return Ok();
    }

    Result<int64_t> Run(std::string_view sql,
                        std::span<const SqlValue> params,
                        const RowFn& on_row) override {
        if (streaming_) {
            // libpq would silently drop the rest of the streaming result.
            return Error(ErrorCode::kInternal,
                         "a query was issued from inside a row callback on the same connection")
                .With("sql", std::string(sql.substr(0, 120)));
        }
        std::string key(sql);
        auto it = prepared_.find(key);
        if (it == prepared_.end()) {
            std::string name = "k" + std::to_string(prepared_.size());
            std::string rewritten = RewritePlaceholders(sql);
            ResultGuard g{PQprepare(conn_, name.c_str(), rewritten.c_str(), 0, nullptr)};
            if (PQresultStatus(g.res) != PGRES_COMMAND_OK) {
                return PgError(conn_, g.res, "postgres prepare").With("sql", key.substr(0, 120));
            }
            it = prepared_.emplace(key, name).first;
        }
        std::vector<std::string> storage(params.size());
        std::vector<const char*> values(params.size(), nullptr);
        for (size_t param_idx = 0; param_idx < params.size(); ++param_idx) {
            const SqlValue& v = params[param_idx];
            if (std::holds_alternative<std::nullptr_t>(v)) {
                continue;
            }
            if (const auto* i = std::get_if<int64_t>(&v)) {
                storage[param_idx] = std::to_string(*i);
            } else if (const auto* d = std::get_if<double>(&v)) {
                char buf[64];
                std::snprintf(buf, sizeof(buf), "%.17g", *d);
                storage[param_idx] = buf;
            } else {
                storage[param_idx] = std::get<std::string>(v);
            }
            values[param_idx] = storage[param_idx].c_str();
        }
        if (!on_row) {
            ResultGuard g{PQexecPrepared(conn_,
                                         it->second.c_str(),
                                         static_cast<int>(params.size()),
                                         values.data(),
                                         nullptr,
                                         nullptr,
                                         0)};
            auto status = PQresultStatus(g.res);
            if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
                return PgError(conn_, g.res, "postgres query");
            }
            return AffectedRows(g.res);
        }
        // Rows stream one at a time (single-row mode), so a large result is never held whole.
        if (PQsendQueryPrepared(conn_,
                                it->second.c_str(),
                                static_cast<int>(params.size()),
                                values.data(),
                                nullptr,
                                nullptr,
                                0) == 0) {
            return PgError(conn_, nullptr, "postgres query");
        }
        bool single = PQsetSingleRowMode(conn_) == 1;
        std::optional<Error> failed;
        int64_t affected = 0;
        streaming_ = true;
        struct Done {  // also when a callback throws: drain, so the connection can be used again
            PGconn* conn;
            bool& flag;
            ~Done() {
                while (PGresult* rest = PQgetResult(conn)) {
                    PQclear(rest);
                }
                flag = false;
            }
        } done{conn_, streaming_};
        while (PGresult* res = PQgetResult(conn_)) {
            ResultGuard g{res};
            auto status = PQresultStatus(res);
            if (failed) {
                continue;  // drain what is left of the query
            }
            if (status == PGRES_SINGLE_TUPLE) {
                on_row(PgRow(res, 0));
            } else if (status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK) {
                if (!single) {  // single-row mode was refused: the rows come in this one result
                    for (int row_idx = 0; row_idx < PQntuples(res); ++row_idx) {
                        on_row(PgRow(res, row_idx));
                    }
                }
                affected = AffectedRows(res);
            } else {
                failed = PgError(conn_, res, "postgres query");
            }
        }
        if (failed) {
            return *failed;
        }
        return affected;
    }

    Status Begin(bool /*write*/) override { return ExecScript("BEGIN"); }
    Status Commit() override { return ExecScript("COMMIT"); }
    void Rollback() override {
        if (PQtransactionStatus(conn_) != PQTRANS_IDLE) {
            PQclear(PQexec(conn_, "ROLLBACK"));
        }
    }
    std::string_view Dialect() const override { return "postgres"; }

private:
    PGconn* conn_;
    std::unordered_map<std::string, std::string> prepared_;
    bool streaming_ = false;  ///< a single-row result is being read
};

}  // namespace

Result<SqlConnectionPtr> OpenPostgres(const std::string& conninfo) {
    PGconn* conn = PQconnectdb(conninfo.c_str());
    if (PQstatus(conn) != CONNECTION_OK) {
        std::string msg = PQerrorMessage(conn);
        PQfinish(conn);
        while (!msg.empty() && msg.back() == '\n') {
            msg.pop_back();
        }
        return Error(ErrorCode::kUnavailable, "cannot connect to PostgreSQL: " + msg);
    }
    auto c = std::make_unique<PgConnection>(conn);
    KENSA_TRY(c->ExecScript("SET client_min_messages = warning"));
    return SqlConnectionPtr(std::move(c));
}

}  // namespace kensa::store
