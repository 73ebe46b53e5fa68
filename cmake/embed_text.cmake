# cmake -DINPUT=file -DOUTPUT=file.cc -DSYMBOL=name -P embed_text.cmake
# Writes a C++ source defining `const std::string_view cutover::embedded::<SYMBOL>` holding the
# text of INPUT, byte for byte (as a raw string literal).
file(READ "${INPUT}" content)
string(FIND "${content}" ")cutover_embed\"" clash)
if(NOT clash EQUAL -1)
  message(FATAL_ERROR "${INPUT} contains the raw string's closing delimiter")
endif()
file(WRITE "${OUTPUT}.tmp"
  "// Generated from ${INPUT} by cmake/embed_text.cmake: edit that file, not this one.\n"
  "#include <string_view>\n"
  "namespace cutover::embedded {\n"
  "extern const std::string_view ${SYMBOL};\n"
  "const std::string_view ${SYMBOL} = R\"cutover_embed(${content})cutover_embed\";\n"
  "}  // namespace cutover::embedded\n")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUTPUT}.tmp")
