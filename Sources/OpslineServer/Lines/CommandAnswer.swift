import HTTPTypes
import OpslineStore
import Workflow

/// A command's answer as the API gives it: the status, the task line or the error object, and
/// whether it repeats an outcome remembered under an idempotency key.
struct CommandAnswer: Sendable {
    /// The HTTP status: 201 created, 200 changed, a refusal's status.
    let status: HTTPResponse.Status
    /// The task line on success, the error object otherwise.
    let body: JSONValue
    /// True when the answer repeats an outcome remembered under the same idempotency key.
    let replayed: Bool

    /// The answer to what the store says a command came to.
    init(_ outcome: CommandOutcome) {
        switch outcome.effect {
        case .created(let line): (status, body) = (.created, line)
        case .changed(let line): (status, body) = (.ok, line)
        case .refused(let refusal): (status, body) = (APIError.status(ofRefusal: refusal.code), refusal.error)
        case .duplicateKey(let key):
            let error = APIError.duplicateKey(key)
            (status, body) = (error.status, error.errorObject)
        }
        replayed = outcome.replayed
    }

    /// The answer to an error met before or around the store: a bad line, an outage.
    init(_ error: APIError) {
        status = error.status
        body = error.errorObject
        replayed = false
    }

    /// The same answer, with the error object of a failure naming the request line at fault
    /// (`line`), as `POST /v1/tasks` reports it.
    func naming(line: Int) -> CommandAnswer {
        guard !succeeded, case .object(var error) = body else { return self }
        error["line"] = .int(Int64(line))
        return CommandAnswer(status: status, body: .object(error), replayed: replayed)
    }

    private init(status: HTTPResponse.Status, body: JSONValue, replayed: Bool) {
        self.status = status
        self.body = body
        self.replayed = replayed
    }

    /// True for 2xx.
    var succeeded: Bool { status.kind == .successful }
}
