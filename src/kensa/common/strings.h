#pragma once
// String helpers with no domain knowledge.

#include <string>
#include <string_view>
#include <vector>

namespace kensa {

std::string ToLower(std::string_view s);
std::string Trim(std::string_view s);
std::vector<std::string> Split(std::string_view s, char sep);
bool StartsWith(std::string_view s, std::string_view prefix);
bool EndsWith(std::string_view s, std::string_view suffix);
/// Lower-case hex of bytes.
std::string HexEncode(std::string_view bytes);
/// RFC 3986 percent-encoding; unreserved characters stay. encode_slash=false keeps '/'.
std::string UriEncode(std::string_view s, bool encode_slash = true);
/// Decodes %XX (and '+' as space when plus_is_space). Invalid escapes are kept verbatim.
std::string UriDecode(std::string_view s, bool plus_is_space = false);
/// The value of one hexadecimal digit (either case), or -1.
int HexValue(char c);
/// Escapes a string for inclusion in XML text or attribute values.
std::string XmlEscape(std::string_view s);
/// Random lower-case UUID v4 (uses the OS CSPRNG).
std::string NewUuid();
/// Random bytes from the OS CSPRNG, hex-encoded.
std::string RandomHex(size_t n_bytes);

}  // namespace kensa
