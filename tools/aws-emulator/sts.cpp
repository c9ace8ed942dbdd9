// sts (query protocol: form body in, XML out): AssumeRole and GetCallerIdentity.

#include <mutex>

#include "emulator.h"
#include "iam.h"
#include "kensa/common/crypto.h"
#include "kensa/common/strings.h"

namespace kensa::emulator {
namespace {

constexpr const char* kStsNs = "https://sts.amazonaws.com/doc/2011-06-15/";

std::string FormParam(const std::string& body, std::string_view name) {
    for (const auto& part : Split(body, '&')) {
        auto eq = part.find('=');
        if (UriDecode(part.substr(0, eq), true) == name) {
            return eq == std::string::npos ? std::string() : UriDecode(part.substr(eq + 1), true);
        }
    }
    return {};
}

std::string UpperAlnum(size_t n) {
    static const char kChars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    std::string raw = RandomHex(n);
    std::string out;
    for (size_t i = 0; i < n; ++i) {
        out += kChars[static_cast<unsigned char>(raw[i]) % 32];
    }
    return out;
}

std::string Wrap(const std::string& op, const std::string& result, const std::string& rid) {
    return "<" + op + "Response xmlns=\"" + kStsNs + "\">\n  <" + op + "Result>\n" + result +
           "  </" + op + "Result>\n  <ResponseMetadata>\n    " + XmlElement("RequestId", rid) +
           "\n  </ResponseMetadata>\n</" + op + "Response>\n";
}

}  // namespace

Response Emulator::HandleSts(const std::string& op,
                             const aws::HttpRequest& req,
                             const Principal& caller) {
    std::string rid = NewUuid();
    std::string params = req.body.empty() ? req.query : req.body;
    if (op == "GetCallerIdentity") {
        std::string result = "    " + XmlElement("Arn", caller.arn) + "\n    " +
                             XmlElement("UserId", caller.user_id) + "\n    " +
                             XmlElement("Account", caller.account_id) + "\n";
        Response r = XmlOk(Wrap(op, result, rid));
        r.SetHeader("x-amzn-RequestId", rid);
        return r;
    }
    if (op != "AssumeRole") {
        return RenderError(Service::kSts,
                           {400,
                            "InvalidAction",
                            "Could not find operation " + op + " for version 2011-06-15",
                            {},
                            {}},
                           rid);
    }
    std::string role_arn = FormParam(params, "RoleArn");
    std::string session_name = FormParam(params, "RoleSessionName");
    std::string external_id = FormParam(params, "ExternalId");
    std::string duration_param = FormParam(params, "DurationSeconds");
    int duration = duration_param.empty() ? 3600 : std::atoi(duration_param.c_str());
    if (role_arn.size() < 20 || session_name.size() < 2 || session_name.size() > 64) {
        return RenderError(Service::kSts,
                           ValidationError(Service::kSts,
                                           "1 validation error detected: Value at 'roleArn' or "
                                           "'roleSessionName' failed to satisfy constraint"),
                           rid);
    }
    if (duration < 900 || duration > 43200) {
        return RenderError(Service::kSts,
                           ValidationError(Service::kSts,
                                           "1 validation error detected: Value '" + duration_param +
                                               "' at 'durationSeconds' failed to satisfy "
                                               "constraint: Member must have value greater than "
                                               "or equal to 900"),
                           rid);
    }
    auto denied = [&]() {
        return RenderError(Service::kSts,
                           AccessDenied(Service::kSts, caller.arn, "sts:AssumeRole", role_arn),
                           rid);
    };
    if (!ActionAllowed(caller.actions, "sts:AssumeRole")) {
        return denied();
    }
    std::unique_lock lock(mu_);
    const Role* role = nullptr;
    for (const auto& r : fleet_.roles) {
        if (r.arn == role_arn) {
            role = &r;
        }
    }
    if (role == nullptr || !TrustAllows(*role, caller, external_id)) {
        return denied();
    }
    if (duration > role->max_session_seconds) {
        return RenderError(Service::kSts,
                           ValidationError(Service::kSts,
                                           "The requested DurationSeconds exceeds the "
                                           "MaxSessionDuration set for this role."),
                           rid);
    }
    Session s;
    s.access_key_id = "ASIA" + UpperAlnum(16);
    s.secret_access_key = crypto::Base64Encode(RandomHex(15)).substr(0, 40);
    s.session_token = crypto::Base64Encode("kensa-emulator-session:" + RandomHex(48));
    s.role_arn = role->arn;
    s.role_name = role->name;
    s.session_name = session_name;
    s.account_id = role->account_id;
    s.role_id = "AROA" + crypto::Sha256Hex(role->arn).substr(0, 17);
    for (auto& c : s.role_id) {
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    s.actions = role->actions;
    s.expiration = Now() + duration;
    sessions_[s.access_key_id] = s;
    std::string expiration = FormatIso8601(std::chrono::system_clock::from_time_t(s.expiration));
    std::string result = "    <AssumedRoleUser>\n      " +
                         XmlElement("AssumedRoleId", s.role_id + ":" + session_name) + "\n      " +
                         XmlElement("Arn", s.Arn()) +
                         "\n    </AssumedRoleUser>\n    <Credentials>\n      " +
                         XmlElement("AccessKeyId", s.access_key_id) + "\n      " +
                         XmlElement("SecretAccessKey", s.secret_access_key) + "\n      " +
                         XmlElement("SessionToken", s.session_token) + "\n      " +
                         XmlElement("Expiration", expiration) + "\n    </Credentials>\n";
    Response r = XmlOk(Wrap(op, result, rid));
    r.SetHeader("x-amzn-RequestId", rid);
    return r;
}

}  // namespace kensa::emulator
