#pragma once
// Adapts cpp-httplib to Emulator::Handle. The only file that includes httplib.h.

#include <memory>
#include <string>

#include "emulator.h"
#include "kensa/common/error.h"

namespace kensa::emulator {

class HttpServer {
public:
    explicit HttpServer(Emulator& emulator);
    ~HttpServer();
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    /// Binds host:port (port 0 = any free port) and returns the bound port.
    Result<int> Bind(const std::string& host, int port);
    /// Serves until Stop(). Blocks.
    void Run();
    void Stop();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace kensa::emulator
