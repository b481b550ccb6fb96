/// A test seam: something that looks at the world after every event of a run.
///
/// Some invariants hold at every instant but are invisible in the outputs, which are
/// interval aggregates: a queue never longer than its limit, no request waiting while a
/// worker of its pool is idle, no worker given work beyond the pool's capacity. The
/// property-based tests (Tests/WorldTests/PropertyTests.swift) check them through a probe
/// passed to ``World/run(progress:probe:)``. A production run passes ``NoProbe``, whose
/// empty `observe` the generic run loop is specialised for, so the seam costs nothing when
/// unused (no branch, no call per event). A probe may also stop a run that would not end
/// (a test's event budget), so that a hang is a finding instead of a stuck test.
protocol WorldProbe {
    /// Called after each event has been handled completely, before the next one is taken;
    /// returns whether the run goes on (false: it ends here, as at the horizon).
    mutating func observe(_ world: borrowing World) -> Bool
}

/// The probe of every ordinary run: looks at nothing.
struct NoProbe: WorldProbe {
    @inline(__always)
    func observe(_ world: borrowing World) -> Bool { true }
}
