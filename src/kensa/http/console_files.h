#pragma once
// The web console's built files (web/dist), served at "/". Every file is read once at start:
// only those files are ever served, so no request path reaches the file system. A path that
// names no file and has no extension gets index.html (the console's own routes); /api/...
// never does. Each file has a strong ETag (If-None-Match gives 304); hashed assets are
// cached for a year, index.html is revalidated each time. Responses carry a strict CSP.

#include <map>
#include <string>

#include "kensa/common/error.h"
#include "kensa/http/message.h"

namespace kensa::http {

class ConsoleFiles {
public:
    /// Reads every regular file below `dir` (which must hold index.html). kNotFound naming
    /// the directory when it does not, kInvalidInput when it holds more than 64 MiB.
    static Result<ConsoleFiles> Load(const std::string& dir);

    /// Serves GET and HEAD of `req.path`; 404 for a path it has no file for.
    Response Serve(const Request& req) const;

    size_t size() const { return files_.size(); }

private:
    struct File {
        std::string content_type;
        std::string body;
        std::string etag;
        bool immutable = false;  ///< under assets/: content-hashed names
    };
    std::map<std::string, File> files_;  ///< by path below the root, "/index.html"
};

}  // namespace kensa::http
