// The target that compiles the test binaries' shared precompiled header (CMakeLists.txt,
// CUTOVER_TEST_PCH): CMake needs a source file to hang it on. Nothing else is here.
