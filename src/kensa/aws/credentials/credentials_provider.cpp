#include "kensa/aws/credentials/credentials_provider.h"

#include <atomic>

namespace kensa::aws {

Error NoCredentials(std::string_view provider, std::string_view why) {
    return Error(ErrorCode::kUnauthenticated,
                 "no AWS credentials from " + std::string(provider) + ": " + std::string(why))
        .With("provider", std::string(provider));
}

namespace {

class StaticProvider final : public CredentialsProvider {
public:
    explicit StaticProvider(Credentials credentials) : credentials_(std::move(credentials)) {
        if (credentials_.source.empty()) {
            credentials_.source = "static";
        }
    }
    Result<Credentials> GetCredentials() override {
        if (credentials_.empty()) {
            return NoCredentials("static", "access key id or secret access key is empty");
        }
        return credentials_;
    }
    std::string Name() const override { return "static"; }

private:
    Credentials credentials_;
};

class EnvironmentProvider final : public CredentialsProvider {
public:
    explicit EnvironmentProvider(EnvLookup env) : env_(std::move(env)) {}
    Result<Credentials> GetCredentials() override {
        Credentials creds;
        creds.access_key_id = NonEmpty(env_, "AWS_ACCESS_KEY_ID")
                                  .value_or(NonEmpty(env_, "AWS_ACCESS_KEY").value_or(""));
        creds.secret_access_key = NonEmpty(env_, "AWS_SECRET_ACCESS_KEY")
                                      .value_or(NonEmpty(env_, "AWS_SECRET_KEY").value_or(""));
        creds.session_token = NonEmpty(env_, "AWS_SESSION_TOKEN").value_or("");
        creds.source = "env";
        if (creds.empty()) {
            return NoCredentials("env", "AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY not set");
        }
        return creds;
    }
    std::string Name() const override { return "env"; }

private:
    EnvLookup env_;
};

class ChainProvider final : public CredentialsProvider {
public:
    explicit ChainProvider(std::vector<CredentialsProviderPtr> providers)
        : providers_(std::move(providers)) {}

    Result<Credentials> GetCredentials() override {
        size_t first = last_good_.load();
        if (first < providers_.size()) {
            auto creds = providers_[first]->GetCredentials();
            if (creds.ok() || creds.error().code() != ErrorCode::kUnauthenticated) {
                return creds;
            }
        }
        std::string tried;
        for (size_t idx = 0; idx < providers_.size(); ++idx) {
            auto creds = providers_[idx]->GetCredentials();
            if (creds.ok()) {
                last_good_ = idx;
                return creds;
            }
            if (creds.error().code() != ErrorCode::kUnauthenticated) {
                return creds;  // configured but broken: surface, do not fall through silently
            }
            tried += (tried.empty() ? "" : "; ") + creds.error().message();
        }
        return Error(ErrorCode::kUnauthenticated,
                     "no AWS credentials found in the default chain (" + tried + ")")
            .With("provider", "chain");
    }
    std::string Name() const override { return "chain"; }

private:
    std::vector<CredentialsProviderPtr> providers_;
    std::atomic<size_t> last_good_{static_cast<size_t>(-1)};
};

class CachingProvider final : public CredentialsProvider {
public:
    CachingProvider(std::string name,
                    CredentialsFetcher fetcher,
                    const Clock& clock,
                    std::chrono::seconds refresh_before)
        : name_(std::move(name)),
          fetcher_(std::move(fetcher)),
          clock_(clock),
          refresh_before_(refresh_before) {}

    Result<Credentials> GetCredentials() override {
        std::lock_guard<std::mutex> lock(mutex_);
        if (cached_ && Fresh(*cached_)) {
            return *cached_;
        }
        auto fetched = fetcher_();
        if (!fetched.ok()) {
            return fetched;
        }
        cached_ = std::move(fetched).value();
        return *cached_;
    }
    std::string Name() const override { return name_; }

private:
    bool Fresh(const Credentials& creds) const {
        if (!creds.expiration) {
            return true;
        }
        return clock_.SystemNow() + refresh_before_ < *creds.expiration;
    }

    std::string name_;
    CredentialsFetcher fetcher_;
    const Clock& clock_;
    std::chrono::seconds refresh_before_;
    std::mutex mutex_;
    std::optional<Credentials> cached_;
};

}  // namespace

CredentialsProviderPtr MakeStaticProvider(Credentials credentials) {
    return std::make_shared<StaticProvider>(std::move(credentials));
}

CredentialsProviderPtr MakeEnvironmentProvider(EnvLookup env) {
    return std::make_shared<EnvironmentProvider>(std::move(env));
}

CredentialsProviderPtr MakeChainProvider(std::vector<CredentialsProviderPtr> providers) {
    return std::make_shared<ChainProvider>(std::move(providers));
}

CredentialsProviderPtr MakeCachingProvider(std::string name,
                                           CredentialsFetcher fetcher,
                                           const Clock& clock,
                                           std::chrono::seconds refresh_before) {
    return std::make_shared<CachingProvider>(
        std::move(name), std::move(fetcher), clock, refresh_before);
}

}  // namespace kensa::aws
