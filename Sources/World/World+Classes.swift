import Stochastics

/// Class cohorts (ClassArrivals.swift): a class opens, its size is drawn and its members'
/// arrivals are scheduled around its moment. Only the next class of each source waits in
/// the calendar, so memory holds the members of the classes opening now, never the day's.
extension World {
    /// Plans the opening of source `s`'s next class `lead` before its moment, so that all
    /// its members are scheduled before the first of them can arrive.
    mutating func scheduleNextClass(_ s: Int, lead: Double) {
        guard let moment = processes[s].next(arrivalStreams[s]), moment - lead <= model.duration else { return }
        classMoments[s] = moment
        sim.schedule(at: max(sim.now, moment - lead), .classOpens(source: Int32(s)))
    }

    /// A class of source `s` opens: each member arrives at the class's moment + N(0, memberSD²),
    /// drawn on the source's own member stream; members outside the simulated window do not come.
    mutating func classOpens(_ s: Int) {
        guard let classes = model.arrivals[s].classes, let stream = memberStreams[s] else { return }
        let moment = classMoments[s]
        for _ in 0..<classes.classSize.wholeCount(stream) {
            let t = moment + classes.memberSD * stream.standardNormal()
            guard t >= 0, t <= model.duration else { continue }
            // Only a member more than `lead` (8 sd) early can be due before now: it comes now.
            sim.schedule(at: max(sim.now, t), .classMember(source: Int32(s)))
        }
        scheduleNextClass(s, lead: classes.lead)
    }
}
