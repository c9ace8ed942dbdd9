#pragma once
// Small serialisation helpers shared by the protocol clients (and checked against botocore's
// protocol-test corpus in protocol_corpus_test.cpp).

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kensa::aws::wire {

using Params = std::vector<std::pair<std::string, std::string>>;

/// "k1=v1&k2=v2" with RFC 3986 percent-encoding of keys and values, in the given order. Used for
/// both rest-* query strings and the query protocol's form body (SigV4 re-sorts for signing).
std::string EncodeParams(const Params& params);

/// A URI label ({Name}); greedy labels ({Key+}) keep '/' unencoded.
std::string EncodeUriLabel(std::string_view value, bool greedy);

/// The query protocol's body: Action=<op>&Version=<ver>& params...
std::string QueryProtocolBody(std::string_view action,
                              std::string_view version,
                              const Params& params);

}  // namespace kensa::aws::wire
