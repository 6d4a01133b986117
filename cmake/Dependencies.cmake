# Finds lagscan's dependencies, all from Debian's packages
# (scripts/install-deps.sh installs them). Each becomes an imported target.
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)

pkg_check_modules(SQLITE3 REQUIRED IMPORTED_TARGET sqlite3)
pkg_check_modules(YAML REQUIRED IMPORTED_TARGET yaml-0.1)
pkg_check_modules(YAJL REQUIRED IMPORTED_TARGET yajl)
pkg_check_modules(CUNIT REQUIRED IMPORTED_TARGET cunit)
pkg_check_modules(LIBCRYPTO REQUIRED IMPORTED_TARGET libcrypto)

# libclang: Debian ships it per LLVM version (14 on Debian 12; 15-19 work).
set(LAGSCAN_LLVM_VERSIONS 19 18 17 16 15 14)
set(_llvm_hints)
foreach(v ${LAGSCAN_LLVM_VERSIONS})
  list(APPEND _llvm_hints /usr/lib/llvm-${v})
endforeach()
find_path(LIBCLANG_INCLUDE_DIR clang-c/Index.h
          HINTS ${LIBCLANG_ROOT} PATHS ${_llvm_hints} PATH_SUFFIXES include
          NO_DEFAULT_PATH)
find_library(LIBCLANG_LIBRARY NAMES clang libclang
             HINTS ${LIBCLANG_ROOT} PATHS ${_llvm_hints} PATH_SUFFIXES lib
             NO_DEFAULT_PATH)
if(NOT LIBCLANG_INCLUDE_DIR OR NOT LIBCLANG_LIBRARY)
  message(FATAL_ERROR "libclang not found: run scripts/install-deps.sh (package libclang-dev)")
endif()
add_library(libclang::libclang UNKNOWN IMPORTED)
set_target_properties(libclang::libclang PROPERTIES
  IMPORTED_LOCATION ${LIBCLANG_LIBRARY}
  INTERFACE_INCLUDE_DIRECTORIES ${LIBCLANG_INCLUDE_DIR})
# The directory with clang's own builtin headers (stddef.h, stdarg.h), which
# libclang needs to parse code the way the compiler does.
get_filename_component(_llvm_prefix ${LIBCLANG_INCLUDE_DIR} DIRECTORY)
file(GLOB LIBCLANG_RESOURCE_DIRS ${_llvm_prefix}/lib/clang/*)
list(SORT LIBCLANG_RESOURCE_DIRS)
list(GET LIBCLANG_RESOURCE_DIRS -1 LIBCLANG_RESOURCE_DIR)
message(STATUS "libclang: ${LIBCLANG_LIBRARY} (resource dir ${LIBCLANG_RESOURCE_DIR})")

# http-parser ships no pkg-config file.
find_path(HTTP_PARSER_INCLUDE_DIR http_parser.h REQUIRED)
find_library(HTTP_PARSER_LIBRARY NAMES http_parser REQUIRED)
add_library(http_parser::http_parser UNKNOWN IMPORTED)
set_target_properties(http_parser::http_parser PROPERTIES
  IMPORTED_LOCATION ${HTTP_PARSER_LIBRARY}
  INTERFACE_INCLUDE_DIRECTORIES ${HTTP_PARSER_INCLUDE_DIR})
