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

    /// Refuses `replications` replications of `scenario` held in memory together (see
    /// ``checkRecordedValues(_:replications:)``), or a scenario the simulator cannot build;
    /// compiles the model only, no world.
    public static func checkRecordedValues(_ scenario: Scenario, replications: Int) throws(WorldBuildError) {
        try checkRecordedValues(try CompiledModel(scenario), replications: replications)
    }
}
