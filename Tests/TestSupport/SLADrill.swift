/// The workflow of the SLA drills: a clock that warns at 1 s, breaches at 2 s, escalates at once
/// to level 1 (team `support-l2`) and a second later to level 2 (priority raised), in elapsed
/// time on the 24x7 calendar; `finish` stops it.
public enum SLADrill {
    /// The drill's workflow file, under `name` with task ids `key-N`; the second escalation level
    /// comes `lastLevelAfter` after the breach.
    public static func workflow(named name: String, key: String, lastLevelAfter: String = "1s") -> String {
        """
        workflow: \(name)
        key: \(key)
        team: support
        calendar: 24x7
        states:
          open: {initial: true}
          done: {final: true}
        transitions:
          finish: {from: open, to: done}
        slas:
          response:
            start: created
            stop: {enter: [done]}
            target: 2s
            warn: 50%
            escalate:
              - {after: 0, team: support-l2}
              - {after: \(lastLevelAfter), priority: raise}
        """
    }
}
