// The prefetch hint is header-only (include/prefetch.h); SwiftPM needs one source file.
