import Scenario
import Testing

/// The documented example `autoscaling: {threshold: 80%, …}` must read: a utilisation
/// threshold is a share, written `80%` or `0.8`; a queue-length threshold is a number of
/// requests. It did not parse before (the threshold took plain numbers only).
@Suite("autoscaling thresholds: a share for utilisation, a number for queue length")
struct AutoscalingThresholdTests {
    static func model(_ autoscaling: String) -> String {
        minimalModel.replacingOccurrences(
            of: "service_time: exponential(mean: 0.5s)}",
            with: "service_time: exponential(mean: 0.5s), autoscaling: \(autoscaling)}")
    }

    @Test("80% and 0.8 read the same; the documented example loads", arguments: [
        "{threshold: 80%, step: 4, provisioning_delay: 5min, max: 80}",
        "{metric: utilisation, threshold: 0.8, step: 4, provisioning_delay: 5min, max: 80}",
    ])
    func share(autoscaling: String) throws {
        let scenario = try load(Self.model(autoscaling))
        #expect(scenario.pool("server")?.autoscaling?.threshold == 0.8)
    }

    @Test("a queue length is a count of requests, over 1 too")
    func queueLength() throws {
        let scenario = try load(Self.model("{metric: queue_length, threshold: 150, max: 8}"))
        #expect(scenario.pool("server")?.autoscaling?.threshold == 150)
    }

    @Test("a utilisation over 100% or of 0% is an error at the threshold", arguments: [
        ("{threshold: 120%, max: 8}", "share 120% is over 100%"),
        ("{threshold: 1.5, max: 8}", "is over 100%"),
        ("{threshold: 0%, max: 8}", "would scale out at once"),
    ])
    func outOfRange(autoscaling: String, message: String) {
        let found = diagnostics(Self.model(autoscaling))
        #expect(found.contains { $0.message.contains(message) }, "\(found)")
    }
}
