import CoreMetrics
import Synchronization

/// What the stores count as they work: commands by kind and outcome, events appended to the log,
/// due work claimed by the scheduler, and notification attempts by channel and outcome.
///
/// Every series is made up front (at zero) by the factory the server gives, so a scrape shows
/// each of them before the first command; ``none`` records nothing (tools, most tests).
public struct StoreMetrics: Sendable {
    /// What became of a command (label `outcome` of `opsline_commands_total`).
    public enum CommandResult: String, Sendable, CaseIterable {
        /// Applied: it created or changed something.
        case ok
        /// Applied earlier under the same idempotency key; this is the first outcome again.
        case replayed
        /// Refused by the workflow's rules, a permission, a version check or bad input.
        case refused
        /// Its idempotency key was already used for a different request.
        case duplicateKey = "duplicate_key"
        /// Not applied: the store failed (PostgreSQL unreachable, an internal error).
        case failed
    }

    /// The command kinds (label `kind`).
    public static let commandKinds = ["create", "transition", "update", "comment"]

    private let commands: [String: Counter]
    /// Events committed to the event log by this process.
    let eventsAppended: Counter
    /// Batches run again with a savepoint per line after their run without savepoints could not
    /// tell which line failed (`GroupSpoiled`).
    let batchesRerun: Counter
    /// Single commands applied in a transaction shared with others of their caller's
    /// (``CommandCoalescer``).
    let commandsShared: Counter
    /// How long each batch transaction waited for its caller's turn (``CallerTransactionLimit``).
    let batchTurnWait: CoreMetrics.Timer
    /// Scheduler transactions that claimed and applied at least one due row.
    let dueClaims: Counter
    /// Due rows applied.
    let dueItems: Counter
    /// How long a claiming transaction took, from `BEGIN` to `COMMIT`.
    let dueClaimDuration: CoreMetrics.Timer
    private let deliveries: [String: Counter]

    /// Series made by `factory`, named for Prometheus.
    public init(factory: any MetricsFactory) {
        var commands: [String: Counter] = [:]
        for kind in Self.commandKinds {
            for result in CommandResult.allCases {
                commands["\(kind)/\(result.rawValue)"] = Counter(
                    label: "opsline_commands_total", dimensions: [("kind", kind), ("outcome", result.rawValue)],
                    factory: factory)
            }
        }
        self.commands = commands
        eventsAppended = Counter(label: "opsline_events_appended_total", factory: factory)
        batchesRerun = Counter(label: "opsline_batches_rerun_total", factory: factory)
        commandsShared = Counter(label: "opsline_commands_shared_total", factory: factory)
        batchTurnWait = CoreMetrics.Timer(label: "opsline_batch_turn_wait_seconds", factory: factory)
        dueClaims = Counter(label: "opsline_due_work_claims_total", factory: factory)
        dueItems = Counter(label: "opsline_due_work_applied_total", factory: factory)
        dueClaimDuration = CoreMetrics.Timer(label: "opsline_due_work_claim_duration_seconds", factory: factory)
        var deliveries: [String: Counter] = [:]
        for channel in ChannelKind.allCases {
            for state in [DeliveryState.delivered, .failed, .dead] {
                deliveries["\(channel.rawValue)/\(state.rawValue)"] = Counter(
                    label: "opsline_notification_deliveries_total",
                    dimensions: [("channel", channel.rawValue), ("outcome", state.rawValue)], factory: factory)
            }
        }
        self.deliveries = deliveries
    }

    /// Records nothing.
    public static var none: StoreMetrics { StoreMetrics(factory: NOOPMetricsHandler.instance) }

    /// Counts one command of `command`'s kind.
    func count(_ command: TaskCommand, _ result: CommandResult) {
        commands["\(command.kindName)/\(result.rawValue)"]?.increment()
    }

    /// Counts the commands of `batch` by what became of them: their outcomes, and `failed` for
    /// those without one (the batch stopped, or failed as a whole).
    func count(_ batch: [BatchCommand], _ result: BatchResult) {
        for (index, entry) in batch.enumerated() {
            if result.failedAt != nil {
                // Atomic and refused: nothing committed; the one at fault was refused.
                count(entry.command, index == result.failedAt ? Self.result(of: result.outcomes[0]) : .failed)
            } else if index < result.outcomes.count {
                count(entry.command, Self.result(of: result.outcomes[index]))
            } else {
                count(entry.command, .failed)
            }
        }
    }

    /// The label an outcome counts under.
    static func result(of outcome: CommandOutcome) -> CommandResult {
        if outcome.replayed { return .replayed }
        switch outcome.effect {
        case .created, .changed: return .ok
        case .refused: return .refused
        case .duplicateKey: return .duplicateKey
        }
    }

    /// Counts one attempt of a delivery on `channel` that left it `state`.
    func countDelivery(_ channel: ChannelKind, _ state: DeliveryState) {
        deliveries["\(channel.rawValue)/\(state.rawValue)"]?.increment()
    }
}

extension TaskCommand {
    /// The command's kind, as metrics label it.
    var kindName: String {
        switch self {
        case .create: "create"
        case .transition: "transition"
        case .update: "update"
        case .comment: "comment"
        case .attach: "attach"
        case .check: "check"
        case .link: "link"
        }
    }
}

/// How many events one call's transaction appended, read once it committed: a transaction run
/// again (serialization failure) starts again from zero, so only the committed attempt counts.
final class AppendedEvents: Sendable {
    private let count = Atomic<Int>(0)

    /// Starts an attempt.
    func reset() { count.store(0, ordering: .relaxed) }
    /// Adds `n` events sent with the commit.
    func add(_ n: Int) { count.add(n, ordering: .relaxed) }
    /// What the committed attempt appended.
    var value: Int { count.load(ordering: .relaxed) }
}
