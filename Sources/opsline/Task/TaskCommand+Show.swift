import ArgumentParser
import OpslineClient
import Workflow

extension TaskCommand {
    /// `opsline task show ID`
    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a task and its history.",
            discussion: """
                -o json prints {"task": …, "events": […]}; -o ndjson prints the task line, \
                then one line per event; -o name the task's id (once it is known to exist).
                """)

        @Argument(help: "The task's identifier, such as CMP-42.", completion: TaskCompletion.taskIDs)
        var id: String

        @OptionGroup var client: ClientOptions

        func run() async throws {
            try await client.withClient { opsline in
                switch client.output {
                case .table:
                    let task = try await opsline.task(id: id)
                    let history = try await opsline.events(taskID: id).collect()
                    try TerminalOutput.print(TaskDetailView.render(task, history: history))
                case .json:
                    let task = try await ClientOptions.parse(opsline.lines(.task(id: id)).collect())
                    let events = try await ClientOptions.parse(
                        opsline.lines(.events(taskID: id)).collect())
                    let document: JSONValue = [
                        "task": task.first ?? .null, "events": .array(events),
                    ]
                    try TerminalOutput.print(document.prettyText)
                case .ndjson:
                    try await client.printLines(opsline.lines(.task(id: id)), asArray: false)
                    try await client.printLines(opsline.lines(.events(taskID: id)), asArray: true)
                case .name:
                    try await client.printLines(opsline.lines(.task(id: id)), asArray: false)
                }
            }
        }
    }
}
