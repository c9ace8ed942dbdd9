#pragma once
// `kensa-aws-emulator generate`: writes a realistic fleet file to a stream without holding it
// in memory, from the real package/vulnerability catalogue in data/emulator/.

#include <cstdint>
#include <ostream>

#include "kensa/common/error.h"

namespace kensa::emulator {

struct GeneratorOptions {
    int instances = 10;
    int lambdas = 10;
    int images = 10;
    int components = 0;  ///< packages per resource; 0 = the catalogue's natural size
    uint64_t seed = 1;
    std::string account_id = "123456789012";
    std::string region = "us-east-1";
};

Status GenerateFleet(const GeneratorOptions& options, std::ostream& out);

}  // namespace kensa::emulator
