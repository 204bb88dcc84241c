import AsyncHTTPClient
import NIOCore
import NIOSSL

/// Talks to an Opsline server over its NDJSON HTTP API.
///
/// The client owns one `HTTPClient`, which must be shut down: prefer
/// ``withClient(configuration:_:)``, which does it for you, or call ``shutdown()`` when done.
///
/// ```swift
/// let configuration = try ClientConfiguration.load()
/// try await OpslineClient.withClient(configuration: configuration) { client in
///     for try await task in client.listTasks(filter: TaskFilter(state: "open")) {
///         print(task.id, task.title)
///     }
/// }
/// ```
public struct OpslineClient: Sendable {
    /// The server and token this client uses.
    public let configuration: ClientConfiguration
    /// How long a request that returns one line may take, from sending to the last byte.
    public let requestTimeout: TimeAmount
    let httpClient: HTTPClient
    private let ownsHTTPClient: Bool

    /// Creates a client with its own `HTTPClient`; call ``shutdown()`` when done.
    ///
    /// Connection attempts are not retried, so an unreachable server is reported at once.
    /// - Parameters:
    ///   - configuration: The server and token.
    ///   - requestTimeout: The limit for requests that return one line; streamed lists are limited
    ///     only by the read timeout (no byte for that long fails the request).
    ///   - readTimeout: How long to wait for the next byte of a response.
    ///   - connectTimeout: How long to wait for a connection.
    public init(
        configuration: ClientConfiguration, requestTimeout: TimeAmount = .seconds(60),
        readTimeout: TimeAmount = .seconds(60), connectTimeout: TimeAmount = .seconds(10)
    ) {
        var httpConfiguration = HTTPClient.Configuration()
        httpConfiguration.timeout = .init(connect: connectTimeout, read: readTimeout)
        httpConfiguration.connectionPool.retryConnectionEstablishment = false
        if let caFile = configuration.caFile {
            // Certificates are verified either way; this names the authorities to trust.
            var tls = TLSConfiguration.makeClientConfiguration()
            tls.trustRoots = .file(caFile)
            httpConfiguration.tlsConfiguration = tls
        }
        let httpClient = HTTPClient(
            eventLoopGroupProvider: .singleton, configuration: httpConfiguration)
        self.init(
            configuration: configuration, httpClient: httpClient, owns: true,
            requestTimeout: requestTimeout)
    }

    /// Creates a client that uses an `HTTPClient` the caller owns and shuts down.
    ///
    /// - Parameters:
    ///   - configuration: The server and token.
    ///   - httpClient: The HTTP client to send requests with; ``shutdown()`` leaves it running.
    ///   - requestTimeout: The limit for requests that return one line.
    public init(
        configuration: ClientConfiguration, httpClient: HTTPClient,
        requestTimeout: TimeAmount = .seconds(60)
    ) {
        self.init(
            configuration: configuration, httpClient: httpClient, owns: false,
            requestTimeout: requestTimeout)
    }

    private init(
        configuration: ClientConfiguration, httpClient: HTTPClient, owns: Bool,
        requestTimeout: TimeAmount
    ) {
        self.configuration = configuration
        self.httpClient = httpClient
        self.ownsHTTPClient = owns
        self.requestTimeout = requestTimeout
    }

    /// Shuts the client's own `HTTPClient` down; a caller's `HTTPClient` is left running.
    public func shutdown() async throws {
        if ownsHTTPClient {
            try await httpClient.shutdown()
        }
    }

    /// Runs `body` with a new client and shuts the client down afterwards, also when `body`
    /// throws.
    ///
    /// - Parameters:
    ///   - configuration: The server and token.
    ///   - body: The work to do with the client.
    /// - Returns: What `body` returns.
    @discardableResult
    public static func withClient<Result: Sendable>(
        configuration: ClientConfiguration,
        _ body: (OpslineClient) async throws -> Result
    ) async throws -> Result {
        let client = OpslineClient(configuration: configuration)
        let result: Result
        do {
            result = try await body(client)
        } catch {
            try? await client.shutdown()
            throw error
        }
        try await client.shutdown()
        return result
    }
}
