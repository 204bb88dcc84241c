import Workflow

/// One call to the Opsline API, before it is sent: method, path, query and NDJSON body lines.
///
/// The task methods of ``OpslineClient`` build these; build one yourself to reach the raw lines of
/// any endpoint with ``OpslineClient/lines(_:)``.
public struct ClientRequest: Sendable, Hashable {
    /// An HTTP method the API uses.
    public enum Method: String, Sendable, Hashable {
        case get = "GET"
        case post = "POST"
        case patch = "PATCH"
        case put = "PUT"
        case delete = "DELETE"
    }

    /// The HTTP method.
    public var method: Method
    /// The path below the server's base URL, starting with `/`, already percent-encoded.
    public var path: String
    /// Query parameters in order; they are percent-encoded when the URL is built.
    public var query: [(name: String, value: String)]
    /// The body's lines, one JSON object each; empty for no body.
    public var lines: [JSONValue]
    /// A body that is one document rather than lines, such as a workflow's YAML; when set, it is
    /// sent instead of ``lines``.
    public var document: RequestDocument?

    /// Creates a request.
    public init(
        method: Method, path: String, query: [(name: String, value: String)] = [],
        lines: [JSONValue] = [], document: RequestDocument? = nil
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.lines = lines
        self.document = document
    }

    /// The full URL on the server at `baseURL`.
    ///
    /// - Parameter baseURL: The server's base URL, without a trailing slash.
    public func url(on baseURL: String) -> String {
        guard !query.isEmpty else { return baseURL + path }
        let pairs = query.map { Self.escape($0.name) + "=" + Self.escape($0.value) }
        return baseURL + path + "?" + pairs.joined(separator: "&")
    }

    /// The NDJSON body: each line compact and `\n`-terminated.
    public var body: String {
        lines.map { $0.compactText + "\n" }.joined()
    }

    /// What is sent, with its content type: the ``document``, else the NDJSON ``body``; `nil`
    /// for a request without a body.
    public var payload: RequestDocument? {
        if let document { return document }
        return lines.isEmpty ? nil : RequestDocument(contentType: "application/x-ndjson", text: body)
    }

    /// Percent-encodes everything but RFC 3986's unreserved characters.
    static func escape(_ text: String) -> String {
        var escaped = ""
        for byte in text.utf8 {
            if isUnreserved(byte) {
                escaped.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                escaped += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return escaped
    }

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
            UInt8(ascii: "_"), UInt8(ascii: "~"):
            true
        default:
            false
        }
    }

    /// Equal when method, path, query and lines are.
    public static func == (lhs: ClientRequest, rhs: ClientRequest) -> Bool {
        lhs.method == rhs.method && lhs.path == rhs.path && lhs.lines == rhs.lines
            && lhs.document == rhs.document
            && lhs.query.elementsEqual(rhs.query) { $0.name == $1.name && $0.value == $1.value }
    }

    /// Hashes method, path, query and lines.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(method)
        hasher.combine(path)
        for item in query {
            hasher.combine(item.name)
            hasher.combine(item.value)
        }
        hasher.combine(lines)
        hasher.combine(document)
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: Swift.max(0, width - count)) + self
    }
}
