import Foundation
import Synchronization

/// One request sent to the server and the answer it got, as `Tests/contract/validate_responses.py`
/// reads it to check the answer against `schema/openapi.yaml`.
struct ContractExchange: Codable, Sendable {
    /// What the exchange shows, for the mismatch report (`a stale expected_version`).
    let `case`: String
    /// The method, upper case.
    let method: String
    /// The route's path template as the server registers it (`/v1/tasks/{id}`).
    let path: String
    /// The path and query actually sent.
    let uri: String
    /// The request's content type, if it had one.
    let requestContentType: String?
    /// The request body, if it had one.
    let requestBody: String?
    /// The answer's status code.
    let status: Int
    /// The answer's headers, names in lower case (repeated names joined with `, `).
    let headers: [String: String]
    /// The answer's body; for a stream read only in part, the whole lines read.
    let body: String
    /// Whether `body` is the whole body (false for a followed stream cut short).
    let complete: Bool
}

/// Every exchange of a run, in order, and what the validator needs besides.
final class ContractLog: Sendable {
    private let exchanges = Mutex<[ContractExchange]>([])

    /// Adds an exchange.
    func record(_ exchange: ContractExchange) {
        exchanges.withLock { $0.append(exchange) }
    }

    /// The file the validator reads: the routes the server registers and every exchange.
    /// - Parameter registered: The registered routes as `METHOD /path`.
    func json(registered: [String]) throws -> Data {
        struct File: Encodable {
            let registered: [String]
            let exchanges: [ContractExchange]
        }
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(File(registered: registered, exchanges: exchanges.withLock { $0 }))
    }
}
