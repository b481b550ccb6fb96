/// The discrete-event kernel: a clock and an event calendar, knowing nothing of what
/// the events mean.
///
/// A model owns a `Simulator` of its own event type (a small enum), schedules events,
/// and drives the loop itself, dispatching with a `switch`:
///
/// ```swift
/// while let event = sim.next(until: horizon) {
///     switch event { case .arrival: …; case .departure(let server): … }
/// }
/// ```
///
/// No closure, class or existential is created per event, so the loop specialises to
/// the model's event type and allocates nothing in the steady state.
public struct Simulator<Event> {
    /// The simulation clock, in seconds from the scenario start.
    public var now: Double { clock }
    @usableFromInline var clock: Double
    @usableFromInline var calendar: EventCalendar<Event>
    /// The number of events fired so far.
    public var firedEvents: UInt64 { fired }
    @usableFromInline var fired: UInt64 = 0
    @usableFromInline var stopRequested = false

    /// A simulator whose calendar uses buckets of `bucketWidth` (see ``EventCalendar``;
    /// infinite: a plain binary heap).
    public init(startTime: Double = 0, bucketWidth: Double = .infinity) {
        clock = startTime
        calendar = EventCalendar(bucketWidth: bucketWidth)
    }

    /// The number of pending events.
    @inlinable public var pendingEvents: Int { calendar.count }

    /// Schedules `event` at absolute time `time` (not before now). A time beyond any
    /// horizon, infinity included, is legal (a heavy-tailed draw): the event stays pending
    /// and never fires within the run. NaN is a bug in the caller and traps.
    @inlinable
    public mutating func schedule(at time: Double, _ event: Event) {
        precondition(time >= now, "cannot schedule an event in the past")
        calendar.schedule(at: time, event)
    }

    /// Schedules `event` after a non-negative delay (infinite: never fires; NaN traps).
    @inlinable
    public mutating func schedule(after delay: Double, _ event: Event) {
        precondition(delay >= 0, "cannot schedule an event in the past")
        calendar.schedule(at: now + delay, event)
    }

    /// The event most likely to fire next (see ``EventCalendar/upcoming``), for prefetching.
    @inlinable public var upcoming: Event? { calendar.upcoming }

    /// Asks the loop to end: the next call to `next(until:)` returns nil.
    public mutating func stop() { stopRequested = true }

    /// Advances the clock to the next event and returns it, or returns nil — with the
    /// clock at `horizon` — when no event is left at or before `horizon` or a stop was
    /// requested. Events after the horizon stay pending.
    ///
    /// - Complexity: O(log n) for n pending events.
    @inlinable
    public mutating func next(until horizon: Double = .infinity) -> Event? {
        if stopRequested { return nil }
        guard let event = calendar.popNext(notAfter: horizon) else {
            if horizon.isFinite, horizon > clock { clock = horizon }
            return nil
        }
        clock = event.time
        fired &+= 1
        return event.payload
    }
}
