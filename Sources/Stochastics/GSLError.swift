internal import CGSL

/// A failure reported by GSL through its status code.
///
/// GSL's default error handler aborts the process; Affluence switches it off once
/// (``GSL/configure()``) so every GSL failure comes back as a status code, which is
/// turned into this error with GSL's own message.
public struct GSLError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The GSL status code (`GSL_EDOM`, `GSL_ERANGE`, …).
    public let code: Int32
    /// What Affluence was doing when GSL failed.
    public let context: String

    public var description: String {
        "\(context): \(String(cString: gsl_strerror(code)))"
    }

    /// Throws when `status` is not `GSL_SUCCESS`.
    static func check(_ status: Int32, _ context: @autoclosure () -> String) throws(GSLError) {
        if status != GSL_SUCCESS { throw GSLError(code: status, context: context()) }
    }
}

/// Process-wide GSL set-up.
public enum GSL {
    /// Switches GSL's abort-on-error handler off. Idempotent; every entry point that
    /// creates a ``RandomStream`` calls it, so callers never need to.
    public static func configure() {
        _ = handlerSwitchedOff
    }

    // A `static let` initialiser runs exactly once, thread-safely.
    private static let handlerSwitchedOff: Bool = {
        gsl_set_error_handler_off()
        return true
    }()
}
