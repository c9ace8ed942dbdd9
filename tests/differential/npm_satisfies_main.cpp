// kensa-npm-satisfies: knowledge::NpmSatisfies over "VERSION<TAB>RANGE" lines from stdin, for
// the differential test against node-semver's satisfies. Prints one line per input line:
// "true", "false", or "!" when kensa rejects the version or the range (the reason goes to
// stderr). The range is everything after the first tab, whitespace included.
#include <iostream>
#include <string>

#include "kensa/knowledge/npm_range.h"

int main() {
    std::string line;
    size_t line_no = 0;
    int exit_code = 0;
    while (std::getline(std::cin, line)) {
        ++line_no;
        if (!line.empty() && line.back() == '\r') {
            line.pop_back();
        }
        size_t tab = line.find('\t');
        if (tab == std::string::npos) {
            std::cerr << "error: line " << line_no << ": expected VERSION<TAB>RANGE\n";
            std::cout << "!\n";
            exit_code = 2;
            continue;
        }
        auto rc = kensa::knowledge::NpmSatisfies(std::string_view(line).substr(0, tab),
                                                 std::string_view(line).substr(tab + 1));
        if (!rc.ok()) {
            std::cerr << "error: line " << line_no << ": " << rc.error().message() << "\n";
            std::cout << "!\n";
            exit_code = 2;
            continue;
        }
        std::cout << (*rc ? "true" : "false") << "\n";
    }
    std::cout.flush();
    return exit_code;
}
