/// An SLA clock declared under `slas:`: when it starts, pauses and stops, how long it may run,
/// and what happens once it breaches.
///
/// A clock runs in cycles: once stopped, entering a `restart:` state starts a new cycle, a clock
/// of its own (``SLAClock/cycle``), while the earlier cycles stay as they ended.
public struct SLAPolicy: Sendable, Hashable {
    /// The policy's name, e.g. `first_response`.
    public let name: String
    /// When the clock starts.
    public let start: Start
    /// States in which the clock does not run (`pause: {in: [...]}`).
    public let pause: [String]
    /// States whose entry stops the clock (`stop: {enter: [...]}`).
    public let stop: [String]
    /// States whose entry, once the clock has stopped, starts a new cycle (`restart: {enter: [...]}`);
    /// empty: a stopped clock stays stopped.
    public let restart: [String]
    /// How much working time the clock allows.
    public let target: Target
    /// The calendar the clock counts in; `nil`: the workflow's.
    public let calendar: CalendarChoice?
    /// The percentage of the target after which the clock warns, 1…99.
    public let warnPercent: Int?
    /// What happens after a breach, in order of ``EscalationLevel/after``.
    public let escalations: [EscalationLevel]
    /// The receivers told at the warning and at the breach (`notify: {warning: [...], breach: [...]}`).
    public let notify: Notify

    /// Creates an SLA policy.
    /// - Parameters:
    ///   - name: The policy's name.
    ///   - start: When the clock starts.
    ///   - pause: States in which the clock does not run.
    ///   - stop: States whose entry stops the clock.
    ///   - restart: States whose entry starts a new cycle once the clock has stopped.
    ///   - target: How much working time the clock allows.
    ///   - calendar: The calendar the clock counts in; `nil`: the workflow's.
    ///   - warnPercent: The percentage of the target after which the clock warns.
    ///   - escalations: What happens after a breach.
    ///   - notify: The receivers told at the warning and at the breach.
    public init(
        name: String,
        start: Start,
        pause: [String] = [],
        stop: [String],
        restart: [String] = [],
        target: Target,
        calendar: CalendarChoice? = nil,
        warnPercent: Int? = nil,
        escalations: [EscalationLevel] = [],
        notify: Notify = Notify()
    ) {
        self.name = name
        self.start = start
        self.pause = pause
        self.stop = stop
        self.restart = restart
        self.target = target
        self.calendar = calendar
        self.warnPercent = warnPercent
        self.escalations = escalations
        self.notify = notify
    }
}
