import Scenario

extension World {
    /// Refuses, before anything is allocated, a run whose recorded series would not fit
    /// ``RunBounds/maxSeriesValues`` per replication or ``RunBounds/maxHeldValues`` over
    /// `replications` replications held at once (the bounds and their derivation are in
    /// ``RunBounds``; the counts of intervals and series are this module's).
    static func checkRecordedValues(_ model: CompiledModel, replications: Int) throws(WorldBuildError) {
        if let problem = RunBounds.outputProblem(duration: model.duration, intervals: model.intervalCount,
                                                 series: SeriesRecorder.count(for: model), replications: replications) {
            throw WorldBuildError(message: problem)
        }
    }

    /// Refuses `replications` replications of this world's scenario held in memory together
    /// (see ``checkRecordedValues(_:replications:)``).
    public func checkRecordedValues(replications: Int) throws(WorldBuildError) {
        try Self.checkRecordedValues(model, replications: replications)
    }
}
