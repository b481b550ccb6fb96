import Testing
@testable import Scenario

/// One scenario using every part of the language, read back field by field.
@Suite("The whole schema decodes into the resolved types")
struct FullSchemaTests {
    static let text = """
        version: 1
        name: everything
        date: 2021-04-06
        start: 06:00
        end: 20:00
        warmup: 10min
        report_interval: 5min
        replications: 3
        seed: 18446744073709551615
        behaviours:
          - id: pupil
            pages_per_session: exponential(mean: 7.49)
            think_time: weibull(shape: 1.2, scale: 60s)
            requests_per_page: empirical(values: [8, 12, 16])
            login_cost: 6
            client_timeout: 30s
            reload_on_timeout: 80%
            patience: exponential(mean: 45min)
            retry_delay: mixture(0.4: exponential(mean: 15s), 0.6: exponential(mean: 3min))
            retry_probability: 0.9
            retry_limit: 10
            relogin: {probability: 80%, delay: exponential(mean: 60s)}
            comeback: {probability: 50%, at: 13:30, sd: 20min}
        segments:
          - id: secondary
            region: HDF
            size: 533_088
            active_share: 85%
            platforms: [{platform: ent, share: 100%}, {platform: cned, share: 12%}]
            behaviour: pupil
            intent:
              bumps: [{share: 60%, at: 08:10, sd: 25min}]
              curves: [{share: 40%, points: [[08:00, 0], [09:00, 1], [10:00, 0]], interpolation: step}]
              repeats: [{at: [09:00, 10:00], offset: -8min, sd: 5min, probability: 60%}]
        platforms:
          - {id: ent, pools: [front, back], gate: [cap, limit, idle, windows, reserved], sso: educonnect}
          - {id: cned, pools: mcalm, gate: [room, bucket]}
        pools:
          - id: front
            servers: 50
            workers_per_server: 20
            service_time: {page: lognormal(mean: 50ms, cv: 1.5), login: gamma(shape: 2, scale: 0.5s), refusal: 5ms}
            queue_limit: 10k
            drop_expired: true
            capacity_schedule: [{at: 07:00, servers: 60}, {at: 12:00, servers: 40}]
            autoscaling: {metric: queue_length, threshold: 100, step: 4, provisioning_delay: 3min, interval: 30s, min: 40, max: 80}
          - {id: back, servers: 10, service_time: pareto(shape: 2.5, scale: 10ms)}
          - {id: mcalm, servers: 375, workers_per_server: 20, service_time: normal(mean: 50ms, sd: 10ms)}
          - {id: sso, servers: 20, service_time: uniform(20ms, 40ms)}
        services:
          - {id: educonnect, kind: sso, pool: sso}
        gates:
          - {id: cap, pool: front, session_cap: {max_sessions: 150k, refusal: after_login, activation: 90%, active_from: 08:00, active_until: 18:00}}
          - {id: limit, session_time_limit: {limit: 20min, jitter: uniform(0s, 20min)}}
          - {id: idle, idle_timeout: {limit: 15min}}
          - {id: room, waiting_room: {order: random, outflow: slot_freed, capacity: 1M, pre_queue_opens: 07:30, starts_at: 08:00, shows_wait: false, balk_over: 30min}}
          - {id: bucket, token_bucket: {new_users: 15k/min, burst: 5k, max_active: 110k, session_duration: 5min, renewing: false}}
          - {id: windows, time_windows: [{segments: [secondary], from: 07:30, to: 17:30, action: allow}]}
          - {id: reserved, priority: [{segments: [secondary], share: 10%}]}
          - {id: open, none: {}}
        attacks:
          - id: ddos
            target: mcalm
            botnet: {bots: 10k, rate_per_bot: 50/s}
            bursts: [{count: 30, from: 08:00, to: 10:00, duration: lognormal(median: 3min, sigma: 0.6), gap: exponential(mean: 4min), intensity: 3}]
            windows: [{from: 14:30, to: 15:15, intensity: 10}]
            ramps: [{from: 06:00, to: 07:00, start_intensity: 0, end_intensity: 1}]
            request_cost: exponential(mean: 20ms)
            mode: fluid
            mitigation: {start: 10:00, ramp_up: 10min, pass_through: 5%, false_positive: 2%, filter_capacity: 2M/s, over_capacity: drop, per_source_rate_limit: 10/s, geo_block_share: 90%}
          - {id: sso-flood, target: educonnect, rate: 100/s, windows: [{from: 09:00, to: 09:10}], mode: discrete}
        policies:
          P0: {description: open doors, set: {platforms.ent.gate: [], platforms.cned.gate: [open]}}
        expect:
          - {metric: active_sessions, entity: mcalm, at: 10:00, value: 500k, tolerance: 20%}
          - {metric: error_share, entity: ent, policy: P0, from: 08:00, to: 09:00, min: 0, max: 5%}
          - {metric: mean_wait, entity: front, value: 2s, tolerance: 0.5s}
        """

    @Test("every section reads back")
    func decodes() throws {
        let s = try load(Self.text)
        #expect(s.name == "everything" && s.date?.description == "2021-04-06" && s.seed == UInt64.max)
        #expect(s.warmup == 600 && s.reportInterval == 300 && s.replications == 3)
        let b = try #require(s.behaviour("pupil"))
        #expect(b.retryLimit == 10 && b.reloadOnTimeout == 0.8 && b.comeback?.at == 48_600)
        let seg = try #require(s.segment("secondary"))
        #expect(seg.platforms == [PlatformUse(platform: "ent", share: 1), PlatformUse(platform: "cned", share: 0.12)])
        #expect(seg.intent.components.count == 2 && seg.intent.repeats.first?.offset == -480)
        let front = try #require(s.pool("front"))
        #expect(front.serviceTime.count == 3 && front.queueLimit == 10_000 && front.dropExpired)
        #expect(front.capacitySchedule.map(\.servers) == [60, 40])
        #expect(front.autoscaling?.metric == .queueLength && front.autoscaling?.min == 40)
        #expect(s.platform("ent")?.sso == "educonnect" && s.platform("ent")?.pools == ["front", "back"])
        #expect(s.gate("open")?.kind == .noControl)
        if case .waitingRoom(let room) = s.gate("room")?.kind {
            #expect(room.outflow == .slotFreed && room.capacity == 1_000_000 && room.preQueueOpens == 27_000 && !room.showsWait)
        } else { Issue.record("room") }
        if case .sessionCap(let cap) = s.gate("cap")?.kind {
            #expect(cap.refusal == .afterLogin && cap.activeUntil == 64_800)
        } else { Issue.record("cap") }
        let attack = try #require(s.attacks.first)
        #expect(attack.target == .pool("mcalm") && attack.rate == 500_000 && attack.bots == 10_000 && attack.mode == .fluid)
        #expect(attack.mitigation?.overCapacity == .drop && attack.mitigation?.filterCapacity == 2_000_000)
        #expect(s.attacks[1].target == .service("educonnect"))
        #expect(s.expectations.map(\.tolerance) == [.relative(0.2), .ci95, .absolute(0.5)])
        #expect(s.expectations[1].max == 0.05 && s.expectations[1].policy == "P0")
        #expect(s.simulationTime(clock: 8 * 3600) == 7200)
        #expect(s.estimatedEvents > 0)
        #expect(ScenarioValidator.validate(file: Repository.models + "/validation/mm1.yaml").isEmpty)
    }

    @Test("the policy applies to this scenario")
    func policy() throws {
        #expect(try load(Self.text, policy: "P0").platform("ent")?.gates == [])
    }
}
