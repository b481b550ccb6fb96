import Kernel
import Stochastics

/// The textbook M/M/c queue written directly on the kernel: the speed benchmark and
/// the first check that kernel and random streams reproduce queueing theory (Erlang C).
///
/// Poisson arrivals at rate λ, c servers with exponential service at rate μ each, an
/// unlimited FIFO queue. Exactly `customers` arrive; the run ends when the last one
/// leaves, so it fires exactly 2 × customers events. Memory is O(longest queue).
public struct MMcSimulation {
    public struct Configuration: Sendable {
        public var servers: Int
        public var arrivalRate: Double
        public var serviceRate: Double
        public var customers: Int
        public var seed: UInt64
        public var replication: Int
        /// Customers discarded from the statistics while the empty start washes out.
        public var warmupCustomers: Int
        public var batches: Int

        public init(servers: Int, arrivalRate: Double, serviceRate: Double, customers: Int,
                    seed: UInt64, replication: Int = 0, warmupCustomers: Int? = nil, batches: Int = 30) {
            self.servers = servers
            self.arrivalRate = arrivalRate
            self.serviceRate = serviceRate
            self.customers = customers
            self.seed = seed
            self.replication = replication
            self.warmupCustomers = warmupCustomers ?? customers / 20
            self.batches = batches
        }
    }

    /// A measured mean with its batch-means standard error.
    public struct Estimate: Sendable {
        public let mean: Double
        public let standardError: Double
    }

    public struct Result: Sendable {
        /// Mean time in queue Wq.
        public let meanWait: Estimate
        /// Share of customers who waited (found all servers busy).
        public let probabilityOfWait: Estimate
        /// Time-average busy servers / c.
        public let utilization: Estimate
        /// Time-average number waiting Lq.
        public let meanQueueLength: Estimate
        public let events: UInt64
        /// The longest queue seen (memory is proportional to it).
        public let longestQueue: Int
        public let batchDegreesOfFreedom: Int
    }

    enum Event {
        case arrival
        case departure
    }

    let config: Configuration

    public init(_ config: Configuration) {
        precondition(config.servers >= 1 && config.arrivalRate > 0 && config.serviceRate > 0)
        precondition(config.customers > config.warmupCustomers + config.batches, "too few customers for the warm-up and batches")
        self.config = config
    }

    /// Runs the queue to completion.
    ///
    /// - Complexity: O(customers · log c) time; O(longest queue) memory.
    public func run() -> Result {
        let streams = StreamFactory(seed: config.seed, replication: config.replication)
        let arrivals = streams.stream("mmc.arrivals")
        let services = streams.stream("mmc.services")
        let meanInterarrival = 1 / config.arrivalRate
        let meanService = 1 / config.serviceRate
        let c = config.servers
        let measured = config.customers - config.warmupCustomers
        let batchSize = (measured + config.batches - 1) / config.batches

        var sim = Simulator<Event>()
        var queue = RingBuffer<Double>(capacity: 1024)  // arrival times of waiting customers
        var busy = 0
        var arrived = 0
        var longestQueue = 0

        var wait = BatchMeans(count: config.batches)
        var waited = BatchMeans(count: config.batches)
        var busyServers = BatchMeans(count: config.batches)
        var queueLength = BatchMeans(count: config.batches)
        // The current batch accumulates in scalars and is flushed at its boundary, so the
        // per-event work is a few additions. Customer statistics are batched by the order
        // of service start (= arrival order under FIFO); time averages run from the first
        // measured arrival to the last arrival, batched at the arrival instants that open
        // each customer batch (the drain after the last arrival is not steady state).
        var waitSum = 0.0, waitedCount = 0.0, startedInBatch = 0.0
        var busyArea = 0.0, queueArea = 0.0, batchElapsed = 0.0
        var started = 0
        var timeBatch = -1
        // Arrivals before the next time-batch boundary: the warm-up, then every batchSize
        // (a countdown rather than a remainder per arrival: an integer division costs as
        // much as the rest of the arrival's bookkeeping).
        var arrivalsToNextTimeBatch = config.warmupCustomers
        var lastChange = 0.0

        sim.schedule(at: arrivals.exponential(mean: meanInterarrival), .arrival)
        while let event = sim.next() {
            let now = sim.now
            let dt = now - lastChange
            busyArea += Double(busy) * dt
            queueArea += Double(queue.count) * dt
            batchElapsed += dt
            lastChange = now

            var startedWait: Double? = nil
            switch event {
            case .arrival:
                if arrivalsToNextTimeBatch == 0 {
                    if timeBatch >= 0 {
                        busyServers.add(busyArea / batchElapsed, weight: batchElapsed, batch: timeBatch)
                        queueLength.add(queueArea / batchElapsed, weight: batchElapsed, batch: timeBatch)
                    }
                    timeBatch += 1
                    busyArea = 0; queueArea = 0; batchElapsed = 0
                    arrivalsToNextTimeBatch = batchSize
                }
                arrivalsToNextTimeBatch -= 1
                arrived += 1
                if arrived < config.customers {
                    sim.schedule(after: arrivals.exponential(mean: meanInterarrival), .arrival)
                } else if timeBatch >= 0 {
                    busyServers.add(busyArea / batchElapsed, weight: batchElapsed, batch: timeBatch)
                    queueLength.add(queueArea / batchElapsed, weight: batchElapsed, batch: timeBatch)
                    timeBatch = -1
                }
                if busy < c {
                    busy += 1
                    startedWait = 0
                    sim.schedule(after: services.exponential(mean: meanService), .departure)
                } else {
                    queue.append(now)
                    if queue.count > longestQueue { longestQueue = queue.count }
                }
            case .departure:
                if let arrivalTime = queue.popFirst() {
                    startedWait = now - arrivalTime
                    sim.schedule(after: services.exponential(mean: meanService), .departure)
                } else {
                    busy -= 1
                }
            }

            if let w = startedWait {
                if started >= config.warmupCustomers {
                    waitSum += w
                    if w > 0 { waitedCount += 1 }
                    startedInBatch += 1
                    if startedInBatch == Double(batchSize) || started == config.customers - 1 {
                        let b = (started - config.warmupCustomers) / batchSize
                        wait.add(waitSum / startedInBatch, weight: startedInBatch, batch: b)
                        waited.add(waitedCount / startedInBatch, weight: startedInBatch, batch: b)
                        waitSum = 0; waitedCount = 0; startedInBatch = 0
                    }
                }
                started += 1
            }
        }

        func estimate(_ b: BatchMeans, scale: Double = 1) -> Estimate {
            Estimate(mean: b.mean * scale, standardError: b.standardError * scale)
        }
        return Result(
            meanWait: estimate(wait),
            probabilityOfWait: estimate(waited),
            utilization: estimate(busyServers, scale: 1 / Double(c)),
            meanQueueLength: estimate(queueLength),
            events: sim.firedEvents,
            longestQueue: longestQueue,
            batchDegreesOfFreedom: config.batches - 1
        )
    }
}
