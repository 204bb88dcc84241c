import Testing

@testable import OpslineClient

@Suite struct OpslineClientTests {
    @Test func anUnreachableServerIsAConnectionErrorNamingItsURL() async throws {
        let configuration = try ClientConfiguration(serverURL: "http://127.0.0.1:1", token: "t")
        try await OpslineClient.withClient(configuration: configuration) { client in
            await #expect {
                _ = try await client.task(id: "CMP-42")
            } throws: { error in
                guard case .connection(let message) = error as? ClientError else { return false }
                return message.contains("http://127.0.0.1:1")
            }
        }
    }

    @Test func anUnreachableServerFailsAStreamOnItsFirstLine() async throws {
        let configuration = try ClientConfiguration(serverURL: "http://127.0.0.1:1")
        try await OpslineClient.withClient(configuration: configuration) { client in
            await #expect(throws: ClientError.self) {
                for try await _ in client.listTasks() {}
            }
        }
    }
}
