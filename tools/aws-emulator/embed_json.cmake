# cmake -DINPUT=file.json -DOUTPUT=out.cpp -DFUNCTION=Name -P embed_json.cmake
# Wraps a JSON file into `std::string_view kensa::emulator::<FUNCTION>()`.
file(READ ${INPUT} content)
file(WRITE ${OUTPUT} "// Generated from ${FUNCTION} data; do not edit.\n"
  "#include <string_view>\n"
  "namespace kensa::emulator {\n"
  "std::string_view ${FUNCTION}() {\n"
  "    static const char kJson[] = R\"KENSAEMBED(${content})KENSAEMBED\";\n"
  "    return {kJson, sizeof(kJson) - 1};\n"
  "}\n"
  "}  // namespace kensa::emulator\n")
