#include "kensa/http/console_files.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "kensa/common/crypto.h"
#include "kensa/common/strings.h"

namespace kensa::http {

namespace {

constexpr size_t kMaxConsoleBytes = 64u << 20;

constexpr std::string_view kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' "
    "data:; connect-src 'self'; font-src 'self' data:; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'";

std::string ContentType(const std::filesystem::path& path) {
    static const std::map<std::string, std::string> kTypes = {
        {".html", "text/html; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"},
        {".mjs", "text/javascript; charset=utf-8"},
        {".css", "text/css; charset=utf-8"},
        {".json", "application/json"},
        {".map", "application/json"},
        {".svg", "image/svg+xml"},
        {".png", "image/png"},
        {".ico", "image/x-icon"},
        {".woff2", "font/woff2"},
        {".woff", "font/woff"},
        {".txt", "text/plain; charset=utf-8"},
        {".webmanifest", "application/manifest+json"},
    };
    auto it = kTypes.find(path.extension().string());
    return it == kTypes.end() ? "application/octet-stream" : it->second;
}

bool HasExtension(std::string_view path) {
    size_t slash = path.rfind('/');
    std::string_view last = slash == std::string_view::npos ? path : path.substr(slash + 1);
    return last.find('.') != std::string_view::npos;
}

Response NotFound(const std::string& path) {
    Response r;
    r.status = 404;
    r.content_type = "text/plain; charset=utf-8";
    r.body = "no such page: " + path + "\n";
    return r;
}

}  // namespace

Result<ConsoleFiles> ConsoleFiles::Load(const std::string& dir) {
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::path root = fs::path(dir);
    if (!fs::is_regular_file(root / "index.html", ec)) {
        return Error(ErrorCode::kNotFound,
                     "the console directory " + dir + " has no index.html (run make)");
    }
    ConsoleFiles out;
    size_t total = 0;
    for (auto it = fs::recursive_directory_iterator(root, ec);
         !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
        if (!it->is_regular_file(ec)) {
            continue;
        }
        std::ifstream in(it->path(), std::ios::binary);
        std::ostringstream body;
        body << in.rdbuf();
        File file;
        file.body = body.str();
        total += file.body.size();
        if (total > kMaxConsoleBytes) {
            return Error(ErrorCode::kInvalidInput,
                         "the console directory " + dir + " holds more than 64 MiB");
        }
        file.content_type = ContentType(it->path());
        file.etag = "\"" + crypto::Sha256Hex(file.body).substr(0, 32) + "\"";
        std::string rel = "/" + fs::relative(it->path(), root, ec).generic_string();
        file.immutable = StartsWith(rel, "/assets/");
        out.files_.emplace(std::move(rel), std::move(file));
    }
    if (ec) {
        return Error(ErrorCode::kUnavailable, "reading " + dir + ": " + ec.message());
    }
    return out;
}

Response ConsoleFiles::Serve(const Request& req) const {
    std::string path = req.path.empty() || req.path == "/" ? "/index.html" : req.path;
    auto it = files_.find(path);
    if (it == files_.end()) {
        if (StartsWith(path, "/api/") || HasExtension(path)) {
            return NotFound(req.path);
        }
        it = files_.find("/index.html");  // a route of the console itself
    }
    const File& file = it->second;
    Response r;
    r.SetHeader("ETag", file.etag);
    r.SetHeader("Cache-Control",
                file.immutable ? "public, max-age=31536000, immutable" : "no-cache");
    r.SetHeader("Content-Security-Policy", std::string(kContentSecurityPolicy));
    r.SetHeader("X-Content-Type-Options", "nosniff");
    r.SetHeader("Referrer-Policy", "same-origin");
    r.SetHeader("X-Frame-Options", "DENY");
    if (req.Header("If-None-Match") == file.etag) {
        r.status = 304;
        r.content_type.clear();
        return r;
    }
    r.content_type = file.content_type;
    if (req.method != "HEAD") {
        r.body = file.body;
    }
    return r;
}

}  // namespace kensa::http
