import ArgumentParser
import OpslineClient

extension TaskCommand {
    /// `opsline task check ID ITEM [--undo]`
    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Tick an item of the checklist of a task's state.",
            discussion: """
                The items are those the task's current state lists under 'checklist:' in its \
                workflow; `opsline task show` lists them with what is ticked. A transition with \
                'checklist: done' leaves the state only once every item is ticked. Ticking an \
                item already ticked changes nothing. Prints the task.
                """)

        @Argument(help: "The task's identifier, such as CMP-42.", completion: TaskCompletion.taskIDs)
        var id: String

        @Argument(help: "The checklist item, such as cost_analysis.")
        var item: String

        @Flag(help: "Untick the item instead.")
        var undo = false

        @OptionGroup var client: ClientOptions

        func run() async throws {
            try await client.withClient { opsline in
                try await client.printTask(.check(id: id, item: item, done: !undo), with: opsline) { task in
                    let progress = task.checklist.map { " (\($0.done)/\($0.total) ticked)" } ?? ""
                    return "\(undo ? "Unticked" : "Ticked") \(item) on \(task.id)\(progress)."
                }
            }
        }
    }
}
