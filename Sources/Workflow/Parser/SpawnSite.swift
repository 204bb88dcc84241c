/// A spawned child as found in a file, with the lines that checks across files point at.
struct SpawnSite {
    /// The state whose `on_enter:` spawns the child.
    let state: String
    /// The child.
    let child: SpawnedChild
    /// The line of each key under the spawn's `dates:`.
    var dateLines: [String: Int] = [:]
    /// The line of the spawn's `workflow:` value.
    let workflowLine: Int
    /// The line of each key under the spawn's `fields:`.
    let fieldLines: [String: Int]
    /// The line of the spawn item itself.
    let line: Int
}
