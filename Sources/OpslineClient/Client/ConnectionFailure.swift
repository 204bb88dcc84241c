import AsyncHTTPClient

/// Turns the errors of sending a request into ``ClientError/connection(_:)`` messages that name
/// the server and say what went wrong in words.
enum ConnectionFailure {
    static func clientError(_ error: any Error, serverURL: String) -> ClientError {
        if let error = error as? ClientError {
            return error
        }
        return .connection("cannot reach the Opsline server at \(serverURL): \(reason(error))")
    }

    /// A short reason: the system's words for a refused or timed-out connection when the error
    /// holds them, else the error's own description.
    static func reason(_ error: any Error) -> String {
        if let error = error as? HTTPClientError {
            switch error {
            case .connectTimeout: return "connection timed out"
            case .deadlineExceeded, .readTimeout: return "the server did not answer in time"
            case .remoteConnectionClosed: return "the server closed the connection"
            default: return "\(error)"
            }
        }
        let text = "\(error)"
        if text.contains("CERTIFICATE_VERIFY_FAILED") {
            return "its TLS certificate is not trusted (\(text)); pass --ca-file (or set OPSLINE_CA_FILE) "
                + "with the certificate authority that signed it"
        }
        if text.contains("system lib") || text.contains("NO_CERTIFICATES") || text.contains("failedToLoadCertificate") {
            return "the certificate authorities file (--ca-file, OPSLINE_CA_FILE) cannot be read: \(text)"
        }
        for known in [
            "Connection refused", "No route to host", "Network is unreachable",
            "Connection reset by peer", "Name or service not known", "nodename nor servname",
        ]
        where text.contains(known) {
            return known.lowercased()
        }
        return text
    }
}
