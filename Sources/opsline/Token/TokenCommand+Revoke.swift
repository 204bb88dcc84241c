import ArgumentParser
import OpslineClient

extension TokenCommand {
    /// `opsline token revoke ID`
    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Revoke a token; it stops working at once.",
            discussion: "Revoking a revoked token changes nothing. An unknown id exits with 4.")

        @Argument(help: "The token's identifier, such as tok_3f2a9c….")
        var id: String

        @OptionGroup var client: ClientOptions

        func run() async throws {
            try await client.withClient { opsline in
                guard client.output == .table else {
                    return try await client.printLines(opsline.lines(.revokeToken(id: id)), asArray: false)
                }
                let token = try await opsline.revokeToken(id: id)
                try TerminalOutput.print("Revoked token \(token.id).\n\n" + TokenListView.detail(token))
            }
        }
    }
}
