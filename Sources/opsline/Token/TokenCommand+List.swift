import ArgumentParser
import OpslineClient

extension TokenCommand {
    /// `opsline token list`
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List every token, oldest first, revoked and expired ones included.",
            discussion: "Secrets are never listed.")

        @OptionGroup var client: ClientOptions

        func run() async throws {
            try await client.withClient { opsline in
                guard client.output == .table else {
                    return try await client.printLines(opsline.lines(.listTokens()), asArray: true)
                }
                try TerminalOutput.print(TokenListView.render(try await opsline.listTokens().collect()))
            }
        }
    }
}
