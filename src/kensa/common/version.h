#pragma once
// kensa's version: what `kensa --version` prints and the documents kensa writes name.

namespace kensa {

inline constexpr const char* kKensaVersion = "0.1.0";

}  // namespace kensa
