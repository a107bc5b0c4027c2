#define _GNU_SOURCE
#include "CLibClang.h"

#include <dlfcn.h>
#include <sys/mman.h>
#include <stdlib.h>
#include <string.h>

// The names in the order of CLibClang_Functions' members.
static const char *const names[] = {
  "clang_createIndex", "clang_disposeIndex", "clang_parseTranslationUnit2FullArgv", "clang_disposeTranslationUnit",
  "clang_getNumDiagnostics", "clang_getDiagnostic", "clang_disposeDiagnostic", "clang_getDiagnosticSeverity",
  "clang_getDiagnosticLocation", "clang_formatDiagnostic", "clang_getFileLocation", "clang_getFileName",
  "clang_getCString", "clang_disposeString", "clang_getTranslationUnitCursor", "clang_visitChildren",
  "clang_getCursorSpelling", "clang_getCursorExtent", "clang_getRangeStart", "clang_isCursorDefinition",
  "clang_getCursorType", "clang_getTypeSpelling", "clang_Type_visitFields", "clang_Cursor_getOffsetOfField",
  "clang_Cursor_Evaluate", "clang_EvalResult_getKind", "clang_EvalResult_getAsLongLong",
  "clang_EvalResult_dispose", "clang_getCursorLocation", "clang_getExpansionLocation",
  "clang_getTypedefDeclUnderlyingType", "clang_Type_getNamedType", "clang_Type_getModifiedType",
  "clang_getTypeDeclaration", "clang_getCanonicalType", "clang_getFieldDeclBitWidth", "clang_Cursor_isBitField",
  "clang_isConstQualifiedType", "clang_isVolatileQualifiedType", "clang_isRestrictQualifiedType",
  "clang_Type_getSizeOf", "clang_Type_getAlignOf", "clang_getEnumConstantDeclValue",
  "clang_getEnumConstantDeclUnsignedValue", "clang_getEnumDeclIntegerType", "clang_getLocationForOffset",
  "clang_getPresumedLocation", "clang_getRangeEnd", "clang_getFileContents",
  "clang_tokenize", "clang_getTokenSpelling", "clang_disposeTokens", "clang_getInclusions",
  "clang_reparseTranslationUnit",
};

_Static_assert(sizeof(CLibClang_Functions) == sizeof(names) / sizeof(names[0]) * sizeof(void (*)(void)),
               "one name per function");

const CLibClang_Functions *CLibClang_load(const char *path) {
  void *library = dlopen(path, RTLD_NOW | RTLD_LOCAL);
  if (library == NULL) return NULL;
  void (**table)(void) = malloc(sizeof(CLibClang_Functions));
  if (table == NULL) {
    dlclose(library);
    return NULL;
  }
  for (size_t index = 0; index < sizeof(names) / sizeof(names[0]); index++) {
    void *symbol = dlsym(library, names[index]);
    if (symbol == NULL) {
      free(table);
      dlclose(library);
      return NULL;
    }
    // POSIX guarantees that a dlsym result converts to a function pointer.
    *(void **)&table[index] = symbol;
  }
  return (const CLibClang_Functions *)table;
}

long CLibClang_find(const void *bytes, size_t count, const void *word, size_t length) {
  const char *found = memmem(bytes, count, word, length);
  return found ? found - (const char *)bytes : -1;
}

// Here rather than in a file of its own: the fuzz builds (scripts/fuzz.sh, scripts/fuzz-headers.sh)
// compile this file as the whole of CLibClang.
int CLibClang_memfd(const char *name) { return memfd_create(name, MFD_CLOEXEC); }
