import ArgumentParser
import Foundation

/// `opsline-bench seed`: creates each client's complaints and moves them to investigating.
struct SeedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seed",
        abstract: "Create the complaints the clients of `http` own, and write who owns which."
    )

    @OptionGroup var server: ServerOptions

    @Option(help: "Concurrent clients.")
    var clients = 8

    @Option(help: "Complaints each client creates and owns.")
    var tasksPerClient = 200

    @Option(help: "Where to write the tasks each client owns (JSON), for `http --owned`.")
    var output: String

    func validate() throws {
        guard clients > 0, tasksPerClient > 0 else {
            throw ValidationError("--clients and --tasks-per-client must be positive")
        }
    }

    func run() async throws {
        let client = BenchAPI.makeClient(connections: 2 * clients)
        do {
            progress("seeding \(clients)×\(tasksPerClient) complaints and moving them to investigating")
            let api = BenchAPI(client: client, baseURL: server.url, token: server.token)
            let owned = try await Seeder(api: api, perClient: tasksPerClient).seed(clients: clients)
            try JSONEncoder().encode(owned).write(to: URL(fileURLWithPath: output))
        } catch {
            try? await client.shutdown()
            throw error
        }
        try await client.shutdown()
    }
}
