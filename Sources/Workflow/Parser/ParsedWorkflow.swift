/// A parsed workflow and what it refers to outside its file, with the lines that
/// ``WorkflowLibrary`` points at when a reference does not hold.
struct ParsedWorkflow {
    /// The workflow.
    let definition: WorkflowDefinition
    /// Its name, key and calendar, with their lines.
    let header: WorkflowHeader
    /// The children its states spawn.
    let spawns: [SpawnSite]
    /// What its SLA policies refer to: calendars, and durations in days.
    let slaReferences: [SLAReferences]
    /// The receivers its states notify on entering, in file order.
    let stateReceivers: [ReceiverUse]
    /// The calendars its schedules name themselves, with their lines.
    var scheduleCalendars: [NameAt] = []

    /// Every receiver its `notify:` lists name, with their lines: its SLAs' and escalation
    /// levels', then its states'.
    var receivers: [ReceiverUse] { slaReferences.flatMap(\.receivers) + stateReceivers }
}
