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
}
