import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The one test seam for interrupted writes: makes the process die, as if killed, right
/// after its k-th change to a result folder.
///
/// With `AFFLUENCE_TEST_EXIT_AFTER_WRITES=k` in the environment, the process calls
/// `_exit(86)` (no clean-up, no buffers flushed: what `kill -9` leaves) right after the k-th
/// step, counting over the whole process: a manifest removed before a folder is rewritten
/// (`FolderSeal.unseal`), or a file renamed into place (`AtomicFile`). Those two are every
/// change a writer makes to what a folder's readers see, so driving k over 1, 2, … kills a
/// write at every point that matters (`InterruptedRewriteTests`). Without the variable
/// nothing is counted.
public enum WriteInterruption {
    public static let environmentVariable = "AFFLUENCE_TEST_EXIT_AFTER_WRITES"
    /// The exit status of a process stopped by the seam (`EX_TEMPFAIL` + 11: unused elsewhere).
    public static let exitStatus: Int32 = 86

    private static let limit: Int? = ProcessInfo.processInfo.environment[environmentVariable].flatMap { Int($0) }
    private static let counter = StepCounter()

    /// Marks one step done; exits at the k-th when the seam is set.
    static func stepDone() {
        guard let limit else { return }
        if counter.increment() == limit { _exit(exitStatus) }
    }

    private final class StepCounter: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0

        func increment() -> Int {
            lock.lock()
            defer { lock.unlock() }
            count += 1
            return count
        }
    }
}
