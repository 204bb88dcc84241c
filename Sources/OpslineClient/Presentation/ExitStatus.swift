/// How a command ends: the process exit code and what to tell the user on standard error.
///
/// This is the one place that maps failures to exit codes; ``helpText`` documents them.
public struct ExitStatus: Sendable, Hashable {
    /// Success.
    public static let success: Int32 = 0
    /// Anything not listed below.
    public static let failure: Int32 = 1
    /// Not authenticated or not allowed (HTTP 401, 403).
    public static let unauthorized: Int32 = 3
    /// No such task, workflow or token (HTTP 404).
    public static let notFound: Int32 = 4
    /// The move is not allowed from the task's state, or the task changed meanwhile (HTTP 409).
    public static let conflict: Int32 = 5
    /// Field values or a guard were refused (HTTP 422).
    public static let validation: Int32 = 6
    /// The server is unreachable or failed (connection error, HTTP 5xx).
    public static let unavailable: Int32 = 7
    /// Bad command-line usage, as ArgumentParser reports it (`EX_USAGE`).
    public static let usage: Int32 = 64

    /// The exit codes, for a command's help.
    public static let helpText = """
        Exit codes:
          0   success
          1   any other failure
          3   not authenticated or not allowed (HTTP 401, 403)
          4   not found (HTTP 404)
          5   conflict: transition not allowed, or stale version (HTTP 409)
          6   validation failed: fields, a guard or a workflow refused (HTTP 422)
          7   server unavailable: cannot connect, or HTTP 5xx
          64  usage error
        """

    /// The process exit code.
    public var code: Int32
    /// What to print on standard error, one or more lines starting with `error: `.
    public var message: String

    /// Creates a status.
    public init(code: Int32, message: String) {
        self.code = code
        self.message = message
    }

    /// The status for a command that failed with `error`.
    public init(for error: any Error) {
        switch error {
        case let error as ClientError:
            self.init(code: Self.code(for: error), message: Self.message(for: error))
        case let error as FieldAssignmentError:
            self.init(code: Self.usage, message: "error: \(error)")
        default:
            self.init(code: Self.failure, message: "error: \(error)")
        }
    }

    /// The exit code for a client error: by the error line's code when it is a known one, else by
    /// the HTTP status.
    public static func code(for error: ClientError) -> Int32 {
        switch error {
        case .server(let status, let errorCode, _, _):
            codesByErrorCode[errorCode] ?? code(forStatus: status)
        case .connection: unavailable
        case .badResponse: failure
        }
    }

    /// The exit code for an HTTP status.
    public static func code(forStatus status: Int) -> Int32 {
        switch status {
        case 401, 403: unauthorized
        case 404: notFound
        case 409: conflict
        case 422: validation
        case 500...599: unavailable
        default: failure
        }
    }

    private static let codesByErrorCode: [String: Int32] = [
        "unauthenticated": unauthorized, "forbidden": unauthorized, "not_found": notFound,
        "invalid_transition": conflict, "version_conflict": conflict, "duplicate": conflict,
        "locked_field": conflict,
        "validation_failed": validation, "guard_failed": validation, "invalid_workflow": validation,
        "unavailable": unavailable,
    ]

    private static func message(for error: ClientError) -> String {
        var lines = ["error: \(error)"]
        switch error {
        case .server(_, let code, _, var details):
            // A refused workflow's problems read as the `file:line: message` lines they are.
            if case .array(let problems)? = details.removeValue(forKey: "problems") {
                lines += problems.map(DisplayText.value)
            }
            if code == "invalid_transition" {
                // The message already says them: the allowed transitions and the nearest name.
                for key in ["state", "allowed", "allowed_from", "suggestion"] { details[key] = nil }
            }
            lines += details.keys.sorted().map {
                "  \($0): \(DisplayText.value(details[$0] ?? .null))"
            }
            if code == "unauthenticated" { lines.append(unauthenticatedHint) }
        case .connection:
            lines.append(connectionHint)
        case .badResponse:
            break
        }
        return lines.joined(separator: "\n")
    }

    /// What to do about a token the server does not accept.
    static let unauthenticatedHint =
        "hint: log in with `opsline login --server URL` (it asks for the token), pass --token, set OPSLINE_TOKEN, "
        + "or put 'token:' in ~/.config/opsline/config.yaml"

    /// What to do about a server that cannot be reached.
    static let connectionHint =
        "hint: is the server running there? To use another one, log in with `opsline login --server URL`, "
        + "set OPSLINE_URL, or pass --server URL"
}
