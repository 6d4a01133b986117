# Stages.cmake: lagscan's pipeline as CMake targets, and the rule that keeps
# its dependencies one way.
#
# Each stage is one folder and one static library, lagscan_<name>, with one
# public header: the only file in <folder>/include/. Everything else in the
# folder is private to the stage: its folder is a PRIVATE include directory,
# so another stage that includes one of its private headers does not build.
#
# lagscan_stage(NAME SOURCES ... [DEPENDS stage ...] [LIBS target ...])
#   DEPENDS names earlier stages only. A stage that names one declared after
#   it (a later stage of the pipeline, or itself) stops the configure step,
#   so the stage graph cannot have a cycle. The order of declaration is the
#   order of the pipeline; it is kept in the global property LAGSCAN_STAGES
#   (tests/architecture checks the sources against it as well).
define_property(GLOBAL PROPERTY LAGSCAN_STAGES
  BRIEF_DOCS "lagscan's stages, in pipeline order"
  FULL_DOCS "Appended to by lagscan_stage(); a stage may depend only on those before it.")

function(lagscan_stage name)
  cmake_parse_arguments(S "" "" "SOURCES;DEPENDS;LIBS" ${ARGN})
  get_property(declared GLOBAL PROPERTY LAGSCAN_STAGES)
  if(name IN_LIST declared)
    message(FATAL_ERROR "lagscan stage '${name}' is declared twice")
  endif()
  foreach(dep ${S_DEPENDS})
    if(NOT dep IN_LIST declared)
      message(FATAL_ERROR "lagscan stage '${name}' depends on '${dep}', which is not an "
                          "earlier stage (declared so far: ${declared}); dependencies "
                          "run one way, from the CLI down to common")
    endif()
  endforeach()
  file(GLOB public_headers ${CMAKE_CURRENT_SOURCE_DIR}/include/*)
  list(LENGTH public_headers nheaders)
  if(NOT nheaders EQUAL 1)
    message(FATAL_ERROR "lagscan stage '${name}' must have exactly one public header in "
                        "${CMAKE_CURRENT_SOURCE_DIR}/include/ (found ${nheaders})")
  endif()
  add_library(lagscan_${name} STATIC ${S_SOURCES})
  target_include_directories(lagscan_${name}
    PUBLIC ${CMAKE_CURRENT_SOURCE_DIR}/include
    PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})
  set(deps)
  foreach(dep ${S_DEPENDS})
    list(APPEND deps lagscan_${dep})
  endforeach()
  target_link_libraries(lagscan_${name} PUBLIC ${deps} ${S_LIBS})
  set_property(GLOBAL APPEND PROPERTY LAGSCAN_STAGES ${name})
endfunction()
