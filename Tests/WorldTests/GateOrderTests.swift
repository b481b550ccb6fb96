import Scenario
import Testing
import World

/// Gates run in the order the platform lists them (docs/scenario-format.md, "Gates: a
/// pipeline in the order written"), so the same gates in two orders give the results each
/// order implies.
enum GateOrderModels {
    /// Two segments of 1 arrival/s each for two hours; `barred` is denied the whole run (a
    /// barred user is told to come back at 10:00, after the day: they give up), and a
    /// bucket lets in 0.5 new users/s. Nobody retries a refusal. Logins are free and
    /// sessions one short page, so the platform never holds anyone back.
    static func bucketAndWindows(order: String) -> String {
        """
        version: 1
        name: bucket and windows
        start: 08:00
        end: 10:00
        seed: 41
        behaviours:
          - {id: once, pages_per_session: 1, requests_per_page: 1, login_cost: 0, think_time: 1s, patience: 10h, retry_probability: 0%}
        segments:
          - {id: pupils, size: 7200, platforms: lms, behaviour: once, intent: {curves: [{points: [[08:00, 1], [10:00, 1]]}]}}
          - {id: barred, size: 7200, platforms: lms, behaviour: once, intent: {curves: [{points: [[08:00, 1], [10:00, 1]]}]}}
        platforms:
          - {id: lms, pools: web, gate: \(order)}
        pools:
          - {id: web, servers: 50, service_time: 10ms}
        gates:
          - {id: bucket, token_bucket: {new_users: 30/min, burst: 10}}
          - {id: windows, time_windows: [{segments: [barred], from: 08:00, to: 10:00, action: deny}]}
        """
    }

    /// Sessions that never end (one page, then a think time longer than the day), 600
    /// users arriving evenly over an hour, and two caps of 300 and 100 sessions.
    static func twoCaps(order: String) -> String {
        """
        version: 1
        name: two caps
        start: 08:00
        end: 09:00
        seed: 42
        behaviours:
          - {id: stay, pages_per_session: 2, requests_per_page: 1, login_cost: 0, think_time: 10h, patience: 10h, retry_probability: 0%}
        segments:
          - {id: users, size: 600, platforms: lms, behaviour: stay, intent: {curves: [{points: [[08:00, 1], [09:00, 1]]}]}}
        platforms:
          - {id: lms, pools: web, gate: \(order)}
        pools:
          - {id: web, servers: 50, service_time: 10ms}
        gates:
          - {id: wide, session_cap: {max_sessions: 300}}
          - {id: narrow, session_cap: {max_sessions: 100}}
        """
    }
}

@Suite("Gates apply in the order the platform lists them")
struct GateOrderTests {
    /// `[windows, bucket]`: barred users never reach the bucket, so every one of them is a
    /// window refusal and the bucket's tokens all go to pupils. `[bucket, windows]`: every
    /// arrival that finds a token takes it before the windows look at it. Arrivals are a
    /// superposition of two Poisson streams of equal rate, so whether a token-taker is a
    /// pupil is a fair coin, independent of the bucket's state: given the n users who
    /// passed the bucket, the pupils among them are Binomial(n, ½), and the barred ones are
    /// exactly the window refusals. The pupils admitted are then about half as many as
    /// with the other order.
    @Test("a bucket before time windows spends tokens on users the windows then bar; after them, it does not")
    func bucketAndWindows() throws {
        let windowsFirst = try replicate(Models.load(text: GateOrderModels.bucketAndWindows(order: "[windows, bucket]"), name: "order-wb.yaml"), 4)
        let bucketFirst = try replicate(Models.load(text: GateOrderModels.bucketAndWindows(order: "[bucket, windows]"), name: "order-bw.yaml"), 4)
        for run in windowsFirst {
            let barred = try run.value("visits", "barred")
            #expect(try run.value("window_refused", "lms") == barred, "every barred visit is refused by the windows")
            #expect(try run.value("users_in", "barred") == 0)
            #expect(try run.value("bucket_refused", "lms") + run.value("users_in", "pupils") == run.value("visits", "pupils"),
                    "only pupils meet the bucket")
        }
        var passed = 0.0, pupils = 0.0
        for run in bucketFirst {
            let refusedByWindows = try run.value("window_refused", "lms")
            let pupilsIn = try run.value("users_in", "pupils")
            #expect(try run.value("users_in", "barred") == 0)
            #expect(try run.value("bucket_refused", "lms") + pupilsIn + refusedByWindows
                        == run.value("visits", "pupils") + run.value("visits", "barred"), "every arrival meets the bucket")
            passed += pupilsIn + refusedByWindows
            pupils += pupilsIn
        }
        // Pooled over the runs: Binomial(n, ½) pupils among those who passed the bucket.
        let z = (pupils - passed / 2) / (passed / 4).squareRoot()
        let bound = NormalQuantile.of(1 - (1 - familyConfidence(comparisons: 1)) / 2)
        print("bucket first: \(pupils) pupils of \(passed) through the bucket, z = \(z) (|z| ≤ \(bound))")
        #expect(abs(z) <= bound)
        // Either way the bucket lets through at most its burst plus its rate over the run;
        // with the windows first all of that goes to pupils, with the bucket first about half.
        let most = 10 + 0.5 * 7200.0
        let pupilsWindowsFirst = try windowsFirst.map { try $0.value("users_in", "pupils") }
        #expect(pupilsWindowsFirst.allSatisfy { $0 <= most })
        #expect(passed <= most * Double(bucketFirst.count))
        print("pupils admitted per run: \(pupils / 4) with [bucket, windows], \(pupilsWindowsFirst.reduce(0, +) / 4) with [windows, bucket]")
        #expect(pupils < pupilsWindowsFirst.reduce(0, +), "tokens taken by barred users are lost to pupils")
    }

    /// Both caps apply whatever their order: with sessions that never end, exactly 100
    /// sessions open (the narrow cap), and every later arrival is refused by a cap.
    @Test("two caps both apply, in either order: the narrower one binds", arguments: ["[wide, narrow]", "[narrow, wide]"])
    func twoCaps(order: String) throws {
        let run = try replicate(Models.load(text: GateOrderModels.twoCaps(order: order), name: "two-caps.yaml"), 1)[0]
        let visits = try run.value("visits", "users")
        #expect(try run.value("peak_active_sessions", "lms") == 100)
        #expect(try run.value("users_in", "users") == 100)
        #expect(try run.value("cap_refused", "lms") == visits - 100)
        #expect(try run.value("refused", "lms") == visits - 100)
    }
}
