// The part of libclang's C interface (clang-c/Index.h, whose ABI libclang keeps stable) that the
// header-compat check uses to read headers and compile probe units in its own process. The toolchain
// ships libclang.so but not its headers, so the types are restated here under this module's prefix,
// and the functions are looked up with dlsym when the library is loaded: a machine without libclang
// still builds and runs the check, through clang processes.
#ifndef CLIBCLANG_H
#define CLIBCLANG_H

#include <stddef.h>

typedef void *CLibClang_Index;
typedef void *CLibClang_TranslationUnit;
typedef void *CLibClang_Diagnostic;
typedef void *CLibClang_EvalResult;
typedef void *CLibClang_File;

/// CXString
typedef struct {
  const void *data;
  unsigned private_flags;
} CLibClang_String;

/// CXCursor
typedef struct {
  int kind;
  int xdata;
  const void *data[3];
} CLibClang_Cursor;

/// CXType
typedef struct {
  int kind;
  void *data[2];
} CLibClang_Type;

/// CXSourceLocation
typedef struct {
  const void *ptr_data[2];
  unsigned int_data;
} CLibClang_SourceLocation;

/// CXSourceRange
typedef struct {
  const void *ptr_data[2];
  unsigned begin_int_data;
  unsigned end_int_data;
} CLibClang_SourceRange;

/// struct CXUnsavedFile
typedef struct {
  const char *filename;
  const char *contents;
  unsigned long length;
} CLibClang_UnsavedFile;

/// CXCursorVisitor and CXFieldVisitor: return 0 to stop, 1 to go on with the next sibling, 2 to
/// visit the children (CXChildVisit_Break/Continue/Recurse; a field visitor knows only the first two).
typedef int (*CLibClang_ChildVisitor)(CLibClang_Cursor cursor, CLibClang_Cursor parent, void *context);
typedef int (*CLibClang_FieldVisitor)(CLibClang_Cursor cursor, void *context);

/// CXToken
typedef struct {
  unsigned int_data[4];
  void *ptr_data;
} CLibClang_Token;

/// CXInclusionVisitor: called once per file the unit opened, the main file included.
typedef void (*CLibClang_InclusionVisitor)(
  CLibClang_File includedFile, CLibClang_SourceLocation *inclusionStack, unsigned stackLength, void *context);

/// The functions, each under its libclang name without the `clang_` prefix.
typedef struct {
  CLibClang_Index (*createIndex)(int excludeDeclarationsFromPCH, int displayDiagnostics);
  void (*disposeIndex)(CLibClang_Index index);
  /// With a full command line: `arguments[0]` names the clang executable, whose directory the driver
  /// finds its resource headers and the system's GCC installation from, as that clang would.
  int (*parseTranslationUnit2FullArgv)(
    CLibClang_Index index, const char *sourceFilename, const char *const *arguments, int argumentCount,
    CLibClang_UnsavedFile *unsavedFiles, unsigned unsavedFileCount, unsigned options,
    CLibClang_TranslationUnit *translationUnit);
  void (*disposeTranslationUnit)(CLibClang_TranslationUnit translationUnit);
  unsigned (*getNumDiagnostics)(CLibClang_TranslationUnit translationUnit);
  CLibClang_Diagnostic (*getDiagnostic)(CLibClang_TranslationUnit translationUnit, unsigned index);
  void (*disposeDiagnostic)(CLibClang_Diagnostic diagnostic);
  int (*getDiagnosticSeverity)(CLibClang_Diagnostic diagnostic);
  CLibClang_SourceLocation (*getDiagnosticLocation)(CLibClang_Diagnostic diagnostic);
  CLibClang_String (*formatDiagnostic)(CLibClang_Diagnostic diagnostic, unsigned options);
  void (*getFileLocation)(
    CLibClang_SourceLocation location, CLibClang_File *file, unsigned *line, unsigned *column, unsigned *offset);
  CLibClang_String (*getFileName)(CLibClang_File file);
  const char *(*getCString)(CLibClang_String string);
  void (*disposeString)(CLibClang_String string);
  CLibClang_Cursor (*getTranslationUnitCursor)(CLibClang_TranslationUnit translationUnit);
  unsigned (*visitChildren)(CLibClang_Cursor parent, CLibClang_ChildVisitor visitor, void *context);
  CLibClang_String (*getCursorSpelling)(CLibClang_Cursor cursor);
  CLibClang_SourceRange (*getCursorExtent)(CLibClang_Cursor cursor);
  CLibClang_SourceLocation (*getRangeStart)(CLibClang_SourceRange range);
  unsigned (*isCursorDefinition)(CLibClang_Cursor cursor);
  CLibClang_Type (*getCursorType)(CLibClang_Cursor cursor);
  CLibClang_String (*getTypeSpelling)(CLibClang_Type type);
  unsigned (*Type_visitFields)(CLibClang_Type type, CLibClang_FieldVisitor visitor, void *context);
  long long (*Cursor_getOffsetOfField)(CLibClang_Cursor cursor);
  CLibClang_EvalResult (*Cursor_Evaluate)(CLibClang_Cursor cursor);
  int (*EvalResult_getKind)(CLibClang_EvalResult result);
  long long (*EvalResult_getAsLongLong)(CLibClang_EvalResult result);
  void (*EvalResult_dispose)(CLibClang_EvalResult result);
  CLibClang_SourceLocation (*getCursorLocation)(CLibClang_Cursor cursor);
  void (*getExpansionLocation)(
    CLibClang_SourceLocation location, CLibClang_File *file, unsigned *line, unsigned *column, unsigned *offset);
  CLibClang_Type (*getTypedefDeclUnderlyingType)(CLibClang_Cursor cursor);
  CLibClang_Type (*Type_getNamedType)(CLibClang_Type type);
  CLibClang_Type (*Type_getModifiedType)(CLibClang_Type type);
  CLibClang_Cursor (*getTypeDeclaration)(CLibClang_Type type);
  CLibClang_Type (*getCanonicalType)(CLibClang_Type type);
  int (*getFieldDeclBitWidth)(CLibClang_Cursor cursor);
  unsigned (*Cursor_isBitField)(CLibClang_Cursor cursor);
  unsigned (*isConstQualifiedType)(CLibClang_Type type);
  unsigned (*isVolatileQualifiedType)(CLibClang_Type type);
  unsigned (*isRestrictQualifiedType)(CLibClang_Type type);
  long long (*Type_getSizeOf)(CLibClang_Type type);
  long long (*Type_getAlignOf)(CLibClang_Type type);
  long long (*getEnumConstantDeclValue)(CLibClang_Cursor cursor);
  unsigned long long (*getEnumConstantDeclUnsignedValue)(CLibClang_Cursor cursor);
  CLibClang_Type (*getEnumDeclIntegerType)(CLibClang_Cursor cursor);
  CLibClang_SourceLocation (*getLocationForOffset)(
    CLibClang_TranslationUnit translationUnit, CLibClang_File file, unsigned offset);
  void (*getPresumedLocation)(
    CLibClang_SourceLocation location, CLibClang_String *filename, unsigned *line, unsigned *column);
  CLibClang_SourceLocation (*getRangeEnd)(CLibClang_SourceRange range);
  /// The bytes clang read for `file` (not copied; valid while the unit lives).
  const char *(*getFileContents)(CLibClang_TranslationUnit translationUnit, CLibClang_File file, size_t *size);
  void (*tokenize)(
    CLibClang_TranslationUnit translationUnit, CLibClang_SourceRange range, CLibClang_Token **tokens, unsigned *count);
  CLibClang_String (*getTokenSpelling)(CLibClang_TranslationUnit translationUnit, CLibClang_Token token);
  void (*disposeTokens)(CLibClang_TranslationUnit translationUnit, CLibClang_Token *tokens, unsigned count);
  void (*getInclusions)(CLibClang_TranslationUnit translationUnit, CLibClang_InclusionVisitor visitor, void *context);
  /// Parses the unit again with the same command line, the unsaved files replaced by these; nonzero when
  /// it failed, after which the unit may only be disposed.
  int (*reparseTranslationUnit)(
    CLibClang_TranslationUnit translationUnit, unsigned unsavedFileCount, CLibClang_UnsavedFile *unsavedFiles,
    unsigned options);
} CLibClang_Functions;

/// Loads the libclang at `path` and looks up every function; null (and the library closed again) when it
/// cannot be loaded or lacks one of them. The library stays loaded for the life of the process.
const CLibClang_Functions *CLibClang_load(const char *path);

/// The offset of the first occurrence of the `length` bytes of `word` in the `count` bytes at `bytes`, or
/// -1 (memmem, which Swift's Glibc module does not declare).
long CLibClang_find(const void *bytes, size_t count, const void *word, size_t length);

// Values of libclang's enums read here (CXCursorKind, CXDiagnosticSeverity, CXEvalResultKind,
// CXDiagnosticDisplayOptions, CXTypeKind, CXErrorCode).
enum {
  CLibClang_CursorStructDecl = 2,
  CLibClang_CursorUnionDecl = 3,
  CLibClang_CursorEnumDecl = 5,
  CLibClang_CursorFieldDecl = 6,
  CLibClang_CursorEnumConstantDecl = 7,
  CLibClang_CursorVarDecl = 9,
  CLibClang_CursorTypedefDecl = 20,
  CLibClang_CursorPackedAttr = 408,
  /// CXCursor_FirstPreprocessing … CXCursor_LastPreprocessing: a unit's preprocessing record.
  CLibClang_CursorFirstPreprocessing = 500,
  CLibClang_CursorMacroDefinition = 501,
  CLibClang_CursorLastPreprocessing = 503,
  /// CXTranslationUnit_DetailedPreprocessingRecord: every macro definition becomes a cursor.
  CLibClang_DetailedPreprocessingRecord = 0x01,
  CLibClang_CursorFirstExpr = 100,
  CLibClang_CursorInitListExpr = 119,
  CLibClang_SeverityWarning = 2,
  CLibClang_SeverityError = 3,
  CLibClang_EvalInt = 1,
  CLibClang_DisplaySourceLocation = 0x01,
  CLibClang_DisplayColumn = 0x02,
  CLibClang_DisplayOption = 0x08,
  CLibClang_TypeUnexposed = 1,
  /// Char_S, SChar, WChar, Short, Int, Long, LongLong, Int128: the signed integer kinds, in a row.
  CLibClang_TypeFirstSigned = 13,
  CLibClang_TypeLastSigned = 20,
  CLibClang_TypeEnum = 106,
  CLibClang_TypeRecord = 105,
  CLibClang_TypeTypedef = 107,
  CLibClang_TypeElaborated = 119,
  CLibClang_TypeAttributed = 163,
  CLibClang_Success = 0,
};

/// `memfd_create(name, MFD_CLOEXEC)`: an anonymous file in memory, closed on exec; -1 with `errno` set
/// where the kernel has none. glibc declares it only under `_GNU_SOURCE`, which Swift's Glibc module
/// does not define.
int CLibClang_memfd(const char *name);

#endif
