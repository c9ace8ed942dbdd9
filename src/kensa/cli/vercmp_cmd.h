#pragma once
// `kensa vercmp`: compares versions the way each ecosystem's own tool does.
//
//   kensa vercmp ECOSYSTEM A B        prints "<", "=" or ">"
//   kensa vercmp ECOSYSTEM --batch    reads "A B" pairs, one per line, from stdin and prints one
//                                     result per line
//
// ECOSYSTEM is a purl type (see knowledge::SupportedEcosystems). Exit codes: 0 success, 2
// invalid input (unknown ecosystem, a version the ecosystem rejects). In --batch mode a bad
// line prints "error: ..." on stderr and "!" on stdout (so output lines stay aligned with
// input lines), sets the exit code to 2, and processing continues. Empty lines are skipped.

#include <iosfwd>

namespace CLI {
class App;
}  // namespace CLI

namespace kensa::cli {

/// Streams of the command; null means std::cin / std::cout / std::cerr.
struct VercmpIo {
    std::istream* in = nullptr;
    std::ostream* out = nullptr;
    std::ostream* err = nullptr;
};

/// Adds `vercmp` to root; its callback stores the exit code in *exit_code.
void AddVercmpCommand(CLI::App& root, int* exit_code);
/// The same with injected streams (tests).
void AddVercmpCommand(CLI::App& root, int* exit_code, VercmpIo io);

}  // namespace kensa::cli
