/// Which colour a task's state and an SLA clock's status are shown in, when colour is on.
public enum StatusColours {
    /// A closed task's state is faint, an open one's cyan.
    public static func state(closed: Bool) -> TextColour {
        closed ? .faint : .cyan
    }

    /// Breached or overdue red, warned yellow, running green, anything else (paused, stopped,
    /// met) faint.
    ///
    /// - Parameters:
    ///   - state: The clock's state: `running`, `paused`, `met`, `breached`, `stopped`.
    ///   - remainingSeconds: The working time left, when the clock is not stopped.
    ///   - warned: Whether the clock's warning has fired.
    public static func clock(state: String, remainingSeconds: Int?, warned: Bool) -> TextColour {
        if state == "breached" || (remainingSeconds ?? 0) < 0 { return .red }
        if state == "met" { return .green }
        guard state == "running" else { return .faint }
        return warned ? .yellow : .green
    }
}

extension SLAStatus {
    /// The clock's colour (``StatusColours/clock(state:remainingSeconds:warned:)``).
    var colour: TextColour {
        StatusColours.clock(state: state, remainingSeconds: remainingSeconds, warned: warnedAt != nil)
    }
}

extension TaskLine {
    /// The clock that falls due first among those not stopped: the one a person acts on.
    public var mostUrgentClock: SLAStatus? {
        (sla ?? []).filter { $0.remainingSeconds != nil }.min {
            ($0.remainingSeconds ?? 0) < ($1.remainingSeconds ?? 0)
        }
    }
}
